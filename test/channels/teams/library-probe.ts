/**
 * Run in a child process by `lazy-library.test.ts`: wires Teams as the Node server does (routes, follow-up
 * sender, handoff targets and couriers) from the environment, answers one `/api/messages` request, and prints whether
 * botframework-connector was loaded at start and after the request.
 */
import { createRequire } from 'node:module';
import { createTeamsSender } from '../../../src/channels/teams/send.js';
import { loadConfig } from '../../../src/config.js';
import { createConversations } from '../../../src/conversation/service.js';
import { configuredDeliveries } from '../../../src/handoff/configured-targets.js';
import { createApp } from '../../../src/http/app.js';
import { createLogger } from '../../../src/log.js';
import { createTurnDeps } from '../../../src/runtime/engine.js';
import { createMemoryStore } from '../../../src/store/memory.js';

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const store = createMemoryStore();
const app = createApp({
  config,
  store,
  conversations: createConversations({ store, deps: createTurnDeps(config) }),
  log: createLogger('silent'),
  now: Date.now,
  background: () => undefined,
});
createTeamsSender(config);
configuredDeliveries({ config, now: Date.now, store, senders: {} });

const cache = createRequire(import.meta.url).cache;
const loaded = () => Object.keys(cache).some((file) => file.includes('/node_modules/botframework-connector/'));
const atStart = loaded();
const response = await app.request('/api/messages', {
  method: 'POST',
  headers: { authorization: 'Bearer not-a-jwt', 'content-type': 'application/json' },
  body: JSON.stringify({ type: 'message', channelId: 'msteams', serviceUrl: 'https://smba.example/teams/' }),
});
console.log(JSON.stringify({ atStart, status: response.status, afterRequest: loaded() }));
