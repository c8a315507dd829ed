/**
 * From a committed turn to its activities on the socket: the real Node stack (SQLite store, stream hub,
 * `@hono/node-ws`, the Hono app) served on 127.0.0.1 in this process, with one socket per conversation. The
 * store notes when each commit resolves; the socket notes when the set with that watermark arrives. Client and
 * server share one event loop here, so the figure includes waiting for it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import WebSocket from 'ws';
import { createLogWriter } from '../src/channels/directline/log-writer.js';
import { publishingStore } from '../src/channels/directline/published-store.js';
import { createStreamHub } from '../src/channels/directline/stream-hub.js';
import { loadConfig } from '../src/config.js';
import { createConversations } from '../src/conversation/service.js';
import { createApp } from '../src/http/app.js';
import { createLogger } from '../src/log.js';
import { createTurnDeps } from '../src/runtime/engine.js';
import { createNodeStreams } from '../src/runtime/node-streams.js';
import { openSqliteStore, sqliteFileIn } from '../src/store/sqlite.js';
import type { Store } from '../src/store/types.js';
import { SCRIPTS } from './scripts.js';
import { BENCH_SECRET } from './secret.js';
import { summarise } from './stats.js';

/** Commit-to-socket latency, ms. */
export type PushFigures = ReturnType<typeof summarise> & { conversations: number };

/** Runs `turns` turns over `conversations` conversations at once (each one turn at a time) and times every push. */
export async function measurePushLatency(turns: number, conversations: number): Promise<PushFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'softbounce-push-'));
  const config = loadConfig({ DIRECT_LINE_SECRET: BENCH_SECRET, LOG_LEVEL: 'error', DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '100000' });
  const log = createLogger('error');
  const sqlite = openSqliteStore(sqliteFileIn(dataDir));
  const committedAt = new Map<string, number>();
  const timed: Store = {
    ...sqlite,
    async commitTurn(write) {
      const watermark = await sqlite.commitTurn(write);
      committedAt.set(`${write.record.id}:${watermark}`, performance.now());
      return watermark;
    },
  };
  const hub = createStreamHub({ read: (id, after) => sqlite.getActivities(id, after), now: Date.now, keepAliveMs: 15_000, log });
  const store = publishingStore(timed, hub);
  const service = createConversations({ store, deps: createTurnDeps(config), log });
  const streams = createNodeStreams(hub, () => app);
  const app: Hono = createApp({
    config, store, conversations: service, log, now: Date.now, directLine: createLogWriter({ store, conversations: service, now: Date.now }),
    directLineStream: streams.open, background: () => undefined,
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  streams.attach(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const samples: number[] = [];
  const sockets: WebSocket[] = [];
  // The first turn of each conversation warms the engine and the JIT up; only later pushes are timed.
  let timing = false;
  async function open(): Promise<{ conversationId: string; token: string }> {
    const opened = await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${BENCH_SECRET}` } });
    const { conversationId, token, streamUrl } = (await opened.json()) as { conversationId: string; token: string; streamUrl: string };
    const socket = new WebSocket(streamUrl);
    sockets.push(socket);
    socket.on('message', (data) => {
      const arrived = performance.now();
      const text = data.toString();
      if (!timing || text === '') return;
      const at = committedAt.get(`${conversationId}:${(JSON.parse(text) as { watermark: string }).watermark}`);
      if (at !== undefined) samples.push(arrived - at);
    });
    await new Promise((resolve) => socket.once('open', resolve));
    return { conversationId, token };
  }
  async function converse(index: number, conversation: { conversationId: string; token: string }, from: number, to: number): Promise<void> {
    const script = SCRIPTS[index % SCRIPTS.length]!;
    for (let turn = from; turn < to; turn += 1) {
      await fetch(`${base}/v3/directline/conversations/${conversation.conversationId}/activities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${conversation.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', from: { id: `user-${index}` }, text: script[turn % script.length] }),
      });
    }
  }

  try {
    const each = Math.ceil(turns / conversations);
    const opened = await Promise.all(Array.from({ length: conversations }, () => open()));
    await Promise.all(opened.map((conversation, index) => converse(index, conversation, 0, 1)));
    timing = true;
    await Promise.all(opened.map((conversation, index) => converse(index, conversation, 1, each + 1)));
    // The last pushes may still be in flight when the last post answers.
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { ...summarise(samples), conversations };
  } finally {
    for (const socket of sockets) socket.terminate();
    hub.stop();
    server.close();
    await sqlite.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
