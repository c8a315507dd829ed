/** The real app over a memory store (or the given one), with its log lines captured for assertions. */
import { loadConfig } from '../../src/config.js';
import { createConversations } from '../../src/conversation/service.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/log.js';
import { createAppMetrics, type AppMetrics } from '../../src/ops/app-metrics.js';
import type { ReadyCheck } from '../../src/ops/ready.js';
import { instrumentConversations } from '../../src/ops/turn-metrics.js';
import { createTurnDeps } from '../../src/runtime/engine.js';
import { createMemoryStore } from '../../src/store/memory.js';
import type { Store } from '../../src/store/types.js';

export const AGENT_TOKEN = 'agent-token-0123456789abcdef';
export const SECRET = 'test-secret-0123456789-abcdefghij';

export interface TestApp {
  request(path: string, init?: RequestInit): Promise<Response>;
  /** Parsed JSON log lines written so far. */
  logs: Record<string, unknown>[];
  metrics: AppMetrics;
  store: Store;
}

export function testApp(options: { store?: Store; now?: number; readyChecks?: Record<string, ReadyCheck> } = {}): TestApp {
  const now = () => options.now ?? Date.parse('2026-11-30T09:00:00Z');
  const config = loadConfig({ DIRECT_LINE_SECRET: SECRET, AGENT_TOKEN, LOG_LEVEL: 'debug' });
  const store = options.store ?? createMemoryStore();
  const metrics = createAppMetrics();
  const logs: Record<string, unknown>[] = [];
  const log = createLogger('debug', (line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  const conversations = instrumentConversations(createConversations({ store, deps: createTurnDeps(config, now), log }), metrics);
  const pending: Promise<unknown>[] = [];
  const app = createApp({
    config, store, conversations, log, now, metrics,
    background: (work) => void pending.push(work),
    ...(options.readyChecks ? { readyChecks: options.readyChecks } : {}),
  });
  return {
    async request(path, init) {
      const response = await app.request(path, init);
      while (pending.length) await Promise.all(pending.splice(0));
      return response;
    },
    logs,
    metrics,
    store,
  };
}
