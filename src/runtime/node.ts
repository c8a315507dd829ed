/** `npm start`: the Node server. The only file that knows it runs on Node. */
import { serve } from '@hono/node-server';
import { loadConfig } from '../config.js';
import { createConversations } from '../conversation/service.js';
import { createApp } from '../http/app.js';
import { createLogger } from '../log.js';
import { createMemoryStore } from '../store/memory.js';
import { createTurnDeps } from './engine.js';

const config = loadConfig(process.env);
const log = createLogger(config.LOG_LEVEL);
const store = createMemoryStore();
const deps = createTurnDeps(config);
const conversations = createConversations({ store, deps });
const pending = new Set<Promise<unknown>>();
const app = createApp({
  config,
  store,
  conversations,
  log,
  now: Date.now,
  background: (work) => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  },
});

const server = serve({ fetch: app.fetch, port: config.PORT }, (info) => {
  log.info(`softbounce listening on http://localhost:${info.port}/`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    void Promise.allSettled(pending).then(() => store.close()).then(() => process.exit(0));
  });
}
