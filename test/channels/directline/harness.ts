/**
 * A real app wired as `npm start` wires it (memory store instead of SQLite, the built engine, a controllable
 * clock, one Direct Line log writer shared with the proactive senders, the outbox for what turns queue) and a
 * small Direct Line client for tests.
 */
import { createLogWriter } from '../../../src/channels/directline/log-writer.js';
import { loadConfig } from '../../../src/config.js';
import { createConversations } from '../../../src/conversation/service.js';
import { configuredDeliveries, configuredNames } from '../../../src/handoff/configured-targets.js';
import { createOutbox } from '../../../src/handoff/outbox.js';
import { createApp } from '../../../src/http/app.js';
import { createLogger } from '../../../src/log.js';
import { createTurnDeps } from '../../../src/runtime/engine.js';
import { createChannelSenders } from '../../../src/scheduler/channel-senders.js';
import { createMemoryStore } from '../../../src/store/memory.js';
import type { AssetReader } from '../../../src/web/routes.js';

export const SECRET = 'test-secret-0123456789-abcdefghij';
export const BASE = '/v3/directline';

export interface Harness {
  app: ReturnType<typeof createApp>;
  /** Moves the clock the app and the engine read. */
  advance(ms: number): void;
  /** Waits for work the app ran after its responses (the greeting), then delivers what turns queued (agents' replies). */
  settle(): Promise<void>;
  request(method: string, path: string, init?: { auth?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  /** Generates a token with the secret, as a site owner's server would. */
  generate(body?: unknown): Promise<{ conversationId: string; token: string; expires_in: number }>;
  /** A token for a started conversation whose greeting is in the log. */
  started(): Promise<{ conversationId: string; token: string }>;
  poll(conversationId: string, token: string, watermark?: string): Promise<{ activities: Activity[]; watermark: string }>;
  say(conversationId: string, token: string, text: string, clientActivityID?: string): Promise<string>;
}

export type Activity = Record<string, any> & { id: string; type: string };

export function createHarness(settings: Record<string, string> = {}, readAsset?: AssetReader): Harness {
  let clock = Date.parse('2026-11-30T09:00:00Z');
  const now = () => clock;
  const config = loadConfig({ DIRECT_LINE_SECRET: SECRET, LOG_LEVEL: 'silent', ...settings });
  const store = createMemoryStore();
  const conversations = createConversations({ store, deps: createTurnDeps(config, now), ...configuredNames(config) });
  const directLine = createLogWriter({ store, conversations, now });
  const senders = createChannelSenders(config, directLine);
  const outbox = createOutbox({ store, ...configuredDeliveries({ config, now, store, senders }), now, log: createLogger('silent') });
  const pending: Promise<unknown>[] = [];
  const app = createApp({
    config,
    store,
    conversations,
    log: createLogger('silent'),
    now,
    background: (work) => void pending.push(work),
    directLine,
    senders,
    ...(readAsset ? { readAsset } : {}),
  });

  const request: Harness['request'] = (method, path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.auth) headers.authorization = `Bearer ${init.auth}`;
    let body: string | undefined;
    if (init.body !== undefined) {
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    return Promise.resolve(app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) }));
  };
  const settle = async () => {
    while (pending.length > 0) await Promise.all(pending.splice(0));
    await outbox.runDue();
  };
  const json = async (response: Response, status: number) => {
    const text = await response.text();
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${text}`);
    return JSON.parse(text);
  };

  const harness: Harness = {
    app,
    advance: (ms) => void (clock += ms),
    settle,
    request,
    generate: async (body) => json(await request('POST', `${BASE}/tokens/generate`, { auth: SECRET, body }), 200),
    async started() {
      const { token } = await harness.generate();
      const started = await json(await request('POST', `${BASE}/conversations`, { auth: token, body: { user: {} } }), 201);
      await settle();
      return { conversationId: started.conversationId, token: started.token };
    },
    poll: async (id, token, watermark = '') =>
      json(await request('GET', `${BASE}/conversations/${id}/activities?watermark=${watermark}`, { auth: token }), 200),
    async say(id, token, text, clientActivityID = crypto.randomUUID()) {
      const body = { type: 'message', text, from: { id: 'dl_user', name: 'Pat' }, channelData: { clientActivityID } };
      return (await json(await request('POST', `${BASE}/conversations/${id}/activities`, { auth: token, body }), 200)).id;
    },
  };
  return harness;
}

/** Bot messages among `activities`. */
export const botMessages = (activities: Activity[]) => activities.filter((a) => a.from?.role === 'bot' && a.type === 'message');
