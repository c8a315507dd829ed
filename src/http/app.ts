/** createApp(deps): the one Hono app both runtimes serve. Channels mount their routes here. */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppDeps } from './deps.js';
import { HttpError } from './errors.js';

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();

  app.get('/healthz', (c) => c.json({ ok: true }));

  app.notFound((c) => c.json({ error: { code: 'NotFound', message: `no route for ${c.req.method} ${c.req.path}` } }, 404));
  app.onError((error, c) => {
    if (error instanceof HttpError) {
      return c.json({ error: { code: error.code, message: error.message } }, error.status, error.headers);
    }
    if (error instanceof HTTPException) {
      return c.json({ error: { code: 'BadRequest', message: error.message } }, error.status);
    }
    deps.log.error('unhandled error', { path: c.req.path, error: String(error) });
    return c.json({ error: { code: 'ServiceError', message: 'something went wrong on our side; please retry' } }, 500);
  });
  return app;
}
