/**
 * `GET /api/agents/analytics?from=&to=` (agent token): the report as JSON, or `format=text` / `format=html`;
 * and `GET /agents/analytics`, the page that shows it with charts.
 */
import { Hono } from 'hono';
import { requireAgentToken } from '../channels/agents/auth.js';
import type { AppDeps } from '../http/deps.js';
import { badRequest } from '../http/errors.js';
import { renderReportHtml } from '../web/analytics-page-charts.js';
import { ANALYTICS_PAGE_PATH, renderAnalyticsPage } from '../web/analytics-page.js';
import { formatReportText } from './format-text.js';
import { parsePeriod, PeriodError } from './period.js';
import { reportFromStore } from './report.js';

const FORMATS = ['json', 'text', 'html'] as const;
// The report body is inserted into the page, so only this origin's inline script and styles may run.
const PAGE_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'self'";

/** The analytics API and page. */
export function analyticsRoutes(deps: AppDeps): Hono {
  const routes = new Hono();
  const page = renderAnalyticsPage();

  routes.get(ANALYTICS_PAGE_PATH, (c) => c.html(page, 200, { 'cache-control': 'no-cache', 'content-security-policy': PAGE_CSP }));

  routes.get('/api/agents/analytics', requireAgentToken(deps.config.AGENT_TOKEN), async (c) => {
    const format = c.req.query('format') ?? 'json';
    if (!(FORMATS as readonly string[]).includes(format)) throw badRequest(`format: "${format}" is not one of ${FORMATS.join(', ')}`);
    let period: { from: number; to: number };
    try {
      period = parsePeriod({ from: c.req.query('from'), to: c.req.query('to') }, deps.now());
    } catch (error) {
      if (error instanceof PeriodError) throw badRequest(error.message);
      throw error;
    }
    const report = await reportFromStore(deps.store, { ...period, idleHours: deps.config.ABANDON_AFTER_HOURS });
    const headers = { 'cache-control': 'no-store' };
    if (format === 'text') return c.text(formatReportText(report), 200, headers);
    if (format === 'html') return c.html(renderReportHtml(report), 200, headers);
    return c.json(report, 200, headers);
  });
  return routes;
}
