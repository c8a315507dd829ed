/**
 * Where the time of one Direct Line turn goes, measured in-process (the real app over SQLite, `app.request`,
 * no sockets): store calls by method, the conversation service's turn (engine + its store calls), the
 * intent matcher, and what is left for HTTP handling (routing, auth, parsing, rendering).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogWriter } from '../src/channels/directline/log-writer.js';
import { verifyToken } from '../src/channels/directline/tokens.js';
import { loadConfig } from '../src/config.js';
import { createConversations, type Conversations } from '../src/conversation/service.js';
import { createApp } from '../src/http/app.js';
import { createLogger } from '../src/log.js';
import { createTurnDeps } from '../src/runtime/engine.js';
import { openSqliteStore, sqliteFileIn } from '../src/store/sqlite.js';
import type { Store } from '../src/store/types.js';
import { SCRIPTS } from './scripts.js';
import { BENCH_SECRET } from './secret.js';
import { round } from './stats.js';

/** Microseconds per posted message, by where they were spent. */
export interface Breakdown {
  messages: number;
  totalUs: number;
  /** Inside `conversations.turn`, minus the store calls it makes: the engine and the service's own work. */
  turnUs: number;
  classifyUs: number;
  storeUs: Record<string, number>;
  /** Everything else: Hono routing, token check, body parsing, rendering, the log writer. */
  httpUs: number;
  /** One Direct Line token check alone (`verifyToken`, hono/jwt over Web Crypto), timed back to back. */
  tokenCheckUs: number;
}

/** Store calls the conversation service makes inside a turn (the log writer's calls come before and after it). */
const TURN_STORE_CALLS = ['getConversation', 'commitTurn', 'putConversation', 'appendEvents', 'putFollowup', 'cancelFollowup', 'enqueueDelivery'];

/** Wraps every method of `target` so its time is added to `spent[name]`. */
function timed<T extends object>(target: T, spent: Record<string, number>): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      const value = Reflect.get(object, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const name = String(key);
      return (...args: unknown[]) => {
        const started = performance.now();
        const result = (value as (...a: unknown[]) => unknown).apply(object, args);
        const stop = () => (spent[name] = (spent[name] ?? 0) + performance.now() - started);
        if (result instanceof Promise) return result.finally(stop);
        stop();
        return result;
      };
    },
  });
}

/** Plays `conversations` scripted conversations of `turns` messages, one message at a time, and splits the time. */
export async function measureBreakdown(conversations: number, turns: number): Promise<Breakdown> {
  const dataDir = mkdtempSync(join(tmpdir(), 'softbounce-breakdown-'));
  const storeSpent: Record<string, number> = {};
  const turnSpent: Record<string, number> = {};
  const nluSpent: Record<string, number> = {};
  const config = loadConfig({ DIRECT_LINE_SECRET: BENCH_SECRET, RATE_LIMIT_PER_MINUTE: '100000', LOG_LEVEL: 'error' });
  const raw = openSqliteStore(sqliteFileIn(dataDir));
  const store: Store = timed(raw, storeSpent);
  const deps = createTurnDeps(config);
  deps.nlu = timed(deps.nlu, nluSpent);
  const conversationsService: Conversations = timed(createConversations({ store, deps }), turnSpent);
  const directLine = createLogWriter({ store, conversations: conversationsService, now: Date.now });
  const pending: Promise<unknown>[] = [];
  const app = createApp({
    config, store, conversations: conversationsService, log: createLogger('error'), now: Date.now, directLine,
    background: (work) => void pending.push(work),
  });
  try {
    const open: { id: string; token: string }[] = [];
    for (let i = 0; i < conversations; i += 1) {
      const response = await app.request('/v3/directline/conversations', { method: 'POST', headers: { authorization: `Bearer ${BENCH_SECRET}` } });
      const body = (await response.json()) as { conversationId: string; token: string };
      open.push({ id: body.conversationId, token: body.token });
    }
    await Promise.all(pending);
    for (const spent of [storeSpent, turnSpent, nluSpent]) for (const key of Object.keys(spent)) delete spent[key];

    let total = 0;
    for (let t = 0; t < turns; t += 1) {
      for (const [i, c] of open.entries()) {
        const script = SCRIPTS[i % SCRIPTS.length]!;
        // Built before the clock starts: on a real server the adapter makes the request, not the app.
        const request = new Request(`http://127.0.0.1/v3/directline/conversations/${c.id}/activities`, {
          method: 'POST',
          headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'message', from: { id: 'bench-user' }, text: script[t % script.length] }),
        });
        const started = performance.now();
        const response = await app.fetch(request);
        await response.arrayBuffer();
        total += performance.now() - started;
      }
    }
    const checks = 1000;
    const tokenStarted = performance.now();
    for (let i = 0; i < checks; i += 1) await verifyToken(BENCH_SECRET, open[0]!.token, Date.now());
    const tokenCheckUs = round(((performance.now() - tokenStarted) * 1000) / checks, 1);

    const messages = conversations * turns;
    const per = (ms: number) => round((ms * 1000) / messages, 1);
    const storeTotal = Object.values(storeSpent).reduce((a, b) => a + b, 0);
    const turnTotal = turnSpent.turn ?? 0;
    const storeInTurns = TURN_STORE_CALLS.reduce((sum, name) => sum + (storeSpent[name] ?? 0), 0);
    return {
      messages,
      totalUs: per(total),
      turnUs: per(turnTotal - storeInTurns),
      classifyUs: per(nluSpent.classify ?? 0),
      storeUs: Object.fromEntries(Object.entries(storeSpent).map(([name, ms]) => [name, per(ms)])),
      httpUs: per(total - turnTotal - (storeTotal - storeInTurns)),
      tokenCheckUs,
    };
  } finally {
    await raw.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
