/**
 * The Cloudflare Worker: the same Hono app as Node, with state in Durable Objects (one per conversation, plus
 * the index). The app is built on the first request of each isolate, from its bindings; nothing is trained,
 * read or fetched at start-up. A daily cron applies the retention period.
 */
import type { Hono } from 'hono';
import type { ExecutionContext, ScheduledController } from '@cloudflare/workers-types';
import { ConfigError } from '../config.js';
import { createApp } from '../http/app.js';
import type { WorkerEnv } from './worker/bindings.js';
import { createWorkerDeps } from './worker/app-deps.js';
import { purgeExpired } from './worker/retention.js';

export { ConversationObject } from './worker/conversation-object.js';
export { IndexObject } from './worker/index-object.js';

let app: Hono | undefined;

/** The Worker's handlers: HTTP requests (the app) and the retention cron. */
export default {
  fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Response | Promise<Response> {
    try {
      app ??= createApp(createWorkerDeps(env));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      // The operator reads which setting is wrong in the logs; callers only learn that the service is not ready.
      console.error(`softbounce cannot start: ${error.message}`);
      return Response.json({ error: { code: 'Misconfigured', message: 'the service is not configured correctly; see its logs' } }, { status: 503 });
    }
    return app.fetch(request, env, ctx);
  },

  async scheduled(_controller: ScheduledController, env: WorkerEnv): Promise<void> {
    await purgeExpired(createWorkerDeps(env));
  },
};
