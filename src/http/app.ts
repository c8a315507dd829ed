/** createApp(deps): the one Hono app both runtimes serve. Channels mount their routes here. */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { agentRoutes } from '../channels/agents/routes.js';
import { directLineRoutes } from '../channels/directline/routes.js';
import { createTokens } from '../channels/directline/tokens.js';
import { slackRoutes } from '../channels/slack/routes.js';
import { teamsRoutes } from '../channels/teams/routes.js';
import { webRoutes } from '../web/routes.js';
import { analyticsRoutes } from '../analytics/routes.js';
import { createAppMetrics } from '../ops/app-metrics.js';
import { requestIdOf, requestLog } from '../ops/request-log.js';
import { opsRoutes } from '../ops/routes.js';
import type { AppDeps } from './deps.js';
import { HttpError } from './errors.js';

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const metrics = deps.metrics ?? createAppMetrics();
  app.use(requestLog(deps.log, metrics));

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.route('/', opsRoutes(deps, metrics));
  app.route('/', analyticsRoutes(deps));
  // One set of known tokens: the support page's token is known valid when its chat first calls Direct Line.
  const tokens = createTokens();
  app.route('/v3/directline', directLineRoutes(deps, deps.directLine, tokens));
  app.route('/', webRoutes(deps, deps.readAsset, tokens));
  app.route('/', teamsRoutes(deps));
  app.route('/', slackRoutes(deps));
  app.route('/', agentRoutes(deps));

  app.notFound((c) => c.json({ error: { code: 'NotFound', message: `no route for ${c.req.method} ${c.req.path}` } }, 404));
  app.onError((error, c) => {
    if (error instanceof HttpError) {
      return c.json({ error: { code: error.code, message: error.message } }, error.status, error.headers);
    }
    if (error instanceof HTTPException) {
      return c.json({ error: { code: 'BadRequest', message: error.message } }, error.status);
    }
    deps.log.error('unhandled error', { path: c.req.path, requestId: requestIdOf(c), error: String(error) });
    return c.json({ error: { code: 'ServiceError', message: 'something went wrong on our side; please retry' } }, 500);
  });
  return app;
}
