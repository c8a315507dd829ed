/**
 * Memory after many conversations, run as its own process, bundled as the server is (`node --expose-gc
 * dist/bench/memory.mjs N`), so nothing else the bench did sits in its heap: the real app over SQLite, driven
 * through `app.request`, N conversations of a greeting and three messages each. Prints one JSON line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogWriter } from '../src/channels/directline/log-writer.js';
import { loadConfig } from '../src/config.js';
import { createConversations } from '../src/conversation/service.js';
import { createApp } from '../src/http/app.js';
import { createLogger } from '../src/log.js';
import { createTurnDeps } from '../src/runtime/engine.js';
import { boundHeapGrowth } from '../src/runtime/node-heap.js';
import { openSqliteStore, sqliteFileIn } from '../src/store/sqlite.js';
import { SCRIPTS } from './scripts.js';
import { BENCH_SECRET } from './secret.js';

// As the server does at start (src/runtime/node.ts).
boundHeapGrowth();

const CONVERSATIONS = Number(process.argv[2] ?? 10_000);
const TURNS = 3;
const CONCURRENCY = 50;

const dataDir = mkdtempSync(join(tmpdir(), 'softbounce-memory-'));
const config = loadConfig({ DIRECT_LINE_SECRET: BENCH_SECRET, LOG_LEVEL: 'error', DATA_DIR: dataDir });
const log = createLogger('error');
const store = openSqliteStore(sqliteFileIn(dataDir));
const conversations = createConversations({ store, deps: createTurnDeps(config), log });
const directLine = createLogWriter({ store, conversations, now: Date.now });
const pending = new Set<Promise<unknown>>();
const app = createApp({
  config, store, conversations, log, now: Date.now, directLine,
  background: (work) => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  },
});

const gc = (globalThis as { gc?: () => void }).gc;
const sample = () => {
  gc?.();
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  return { rss, heapUsed, heapTotal, external };
};

async function conversation(index: number): Promise<void> {
  const opened = await app.request('/v3/directline/conversations', { method: 'POST', headers: { authorization: `Bearer ${BENCH_SECRET}` } });
  const { conversationId, token } = (await opened.json()) as { conversationId: string; token: string };
  const script = SCRIPTS[index % SCRIPTS.length]!;
  for (let turn = 0; turn < TURNS; turn += 1) {
    const response = await app.request(`/v3/directline/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', from: { id: `user-${index}` }, text: script[turn % script.length] }),
    });
    if (response.status !== 200) throw new Error(`turn ${turn} of conversation ${index}: ${response.status} ${await response.text()}`);
  }
}

const before = sample();
const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < CONVERSATIONS) await conversation(next++);
  }),
);
await Promise.all(pending);
const after = sample();
await store.close();
rmSync(dataDir, { recursive: true, force: true });
console.log(JSON.stringify({
  conversations: CONVERSATIONS,
  turnsEach: TURNS + 1,
  seconds: (performance.now() - started) / 1000,
  gcExposed: gc !== undefined,
  before,
  after,
}));
