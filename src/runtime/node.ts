/** `npm start`: the Node server. The only file that knows it runs on Node. */
import { serve } from '@hono/node-server';
import { readFile } from 'node:fs/promises';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createNodeCheckRunner } from '../checks/node-checks.js';
import { createConversations } from '../conversation/service.js';
import { createApp } from '../http/app.js';
import { createLogger } from '../log.js';
import { createAppMetrics } from '../ops/app-metrics.js';
import { engineReadyChecks } from '../ops/ready.js';
import { instrumentConversations } from '../ops/turn-metrics.js';
import { createLogWriter } from '../channels/directline/log-writer.js';
import { publishingStore } from '../channels/directline/published-store.js';
import { createStreamHub } from '../channels/directline/stream-hub.js';
import { configuredDeliveries, configuredNames } from '../handoff/configured-targets.js';
import { createOutbox, createOutboxRunner } from '../handoff/outbox.js';
import { createChannelSenders } from '../scheduler/channel-senders.js';
import { deliverThroughChannels } from '../scheduler/deliver.js';
import { createScheduler } from '../scheduler/scheduler.js';
import { openSqliteStore, sqliteFileIn } from '../store/sqlite.js';
import { createTurnDeps } from './engine.js';
import { boundHeapGrowth } from './node-heap.js';
import { createNodeStreams } from './node-streams.js';

boundHeapGrowth();

function configOrExit(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    // A wrong setting is the operator's to fix: say which and what it expects, without a stack trace.
    if (!(error instanceof ConfigError)) throw error;
    console.error(`softbounce cannot start: ${error.message}`);
    process.exit(1);
  }
}

const config = configOrExit();
const log = createLogger(config.LOG_LEVEL);
if (!config.DIRECT_LINE_SECRET) {
  // The page must work with no configuration; tokens signed with a random secret simply end with the process.
  config.DIRECT_LINE_SECRET = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
  log.warn('DIRECT_LINE_SECRET is not set: using a random secret for this run; set it so your site can generate tokens');
}
const WEBCHAT_JS = new URL('../../node_modules/botframework-webchat/dist/webchat.js', import.meta.url);
const sqlite = openSqliteStore(sqliteFileIn(config.DATA_DIR));
const streams = createStreamHub({
  read: (conversationId, after) => sqlite.getActivities(conversationId, after),
  now: Date.now,
  keepAliveMs: config.DIRECT_LINE_KEEPALIVE_SECONDS * 1000,
  log,
});
// Every write of a Direct Line log reaches that conversation's open streams as soon as it is committed.
const store = publishingStore(sqlite, streams);
const deps = createTurnDeps(config);
const metrics = createAppMetrics();
const conversations = instrumentConversations(
  createConversations({
    store,
    deps,
    log,
    runCheck: createNodeCheckRunner(config),
    ...configuredNames(config),
    // Cases, agents' relays and desk updates are queued in the turn's write; deliver them at once.
    onPersisted: (_record, _outputs, queued) => {
      if (queued > 0) void deliverCases();
    },
  }),
  metrics,
);
const directLine = createLogWriter({ store, conversations, now: Date.now });
const senders = createChannelSenders(config, directLine);
const outbox = createOutbox({ store, ...configuredDeliveries({ config, now: Date.now, store, senders }), now: Date.now, log });
const delivery = createOutboxRunner(outbox, log);
let delivering: Promise<unknown> | undefined;
/** Escalations and agents' relays kick the outbox at once; the timer retries what failed. */
function deliverCases(): Promise<unknown> {
  delivering = delivery.kick();
  return delivering;
}
const outboxTimer = setInterval(() => void deliverCases(), 5_000);
outboxTimer.unref();
// What was queued before a restart (an accepted relay, a case) goes out now, not at the first tick.
void deliverCases();
const scheduler = createScheduler({
  store,
  conversations,
  deliver: deliverThroughChannels(senders),
  now: Date.now,
  log,
  retentionDays: config.RETENTION_DAYS,
});
const pending = new Set<Promise<unknown>>();
const sockets = createNodeStreams(streams, () => app);
const app = createApp({
  config,
  store,
  conversations,
  log,
  now: Date.now,
  directLine,
  directLineStream: sockets.open,
  senders,
  metrics,
  readyChecks: engineReadyChecks(deps),
  readAsset: async (name) => (name === 'webchat.js' ? readFile(WEBCHAT_JS) : undefined),
  background: (work) => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  },
});

const server = serve({ fetch: app.fetch, port: config.PORT }, (info) => {
  log.info(`softbounce listening on http://localhost:${info.port}/`);
});
sockets.attach(server);
scheduler.start();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    streams.stop();
    clearInterval(outboxTimer);
    void Promise.allSettled([...pending, scheduler.stop(), delivering]).then(() => store.close()).then(() => process.exit(0));
  });
}
