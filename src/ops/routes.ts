/** `/readyz` (store reachable, flows and model loaded) and `/metrics` (Prometheus text format). */
import { Hono } from 'hono';
import type { AppDeps } from '../http/deps.js';
import type { AppMetrics } from './app-metrics.js';
import { METRICS_CONTENT_TYPE } from './metrics.js';
import { checkReadiness, storeReadyCheck } from './ready.js';

/** Readiness always checks the store; the runtime adds its own checks through `deps.readyChecks`. */
export function opsRoutes(deps: AppDeps, metrics: AppMetrics): Hono {
  const routes = new Hono();
  const checks = { store: storeReadyCheck(deps.store), ...deps.readyChecks };

  routes.get('/readyz', async (c) => {
    const readiness = await checkReadiness(checks);
    if (!readiness.ready) deps.log.warn('not ready', { checks: readiness.checks });
    return c.json(readiness, readiness.ready ? 200 : 503, { 'cache-control': 'no-store' });
  });

  routes.get('/metrics', (c) => c.body(metrics.registry.render(), 200, { 'content-type': METRICS_CONTENT_TYPE, 'cache-control': 'no-store' }));
  return routes;
}
