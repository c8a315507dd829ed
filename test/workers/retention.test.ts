/** The daily cron's retention purge over the Durable Object store: old conversations go, recent ones stay. */
import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { conversationStub, indexStub } from '../../src/runtime/worker/bindings.js';
import { purgeExpired } from '../../src/runtime/worker/retention.js';
import { createDurableObjectStore } from '../../src/store/durable-object.js';

const DAY = 86_400_000;

it('erases conversations untouched for RETENTION_DAYS and keeps the others', async () => {
  const store = createDurableObjectStore({ conversation: (id) => conversationStub(env, id), index: () => indexStub(env) });
  const now = Date.now();
  const [stale, recent] = [`stale-${crypto.randomUUID()}`, `recent-${crypto.randomUUID()}`];
  for (const [id, updatedAt] of [[stale, now - 31 * DAY], [recent, now - 29 * DAY]] as const) {
    const record = await conversationStub(env, id).turn(id, { channel: 'directline', conversationId: id }, { kind: 'start' });
    await store.putConversation({ ...record.record, version: record.record.version + 1, updatedAt }, record.record.version);
  }

  const purged = await purgeExpired({ store, config: loadConfig({ RETENTION_DAYS: '30' }), log: createLogger('silent'), now: () => now });

  expect(purged).toBeGreaterThanOrEqual(1);
  expect(await store.getConversation(stale)).toBeUndefined();
  expect((await store.getConversation(recent))?.id).toBe(recent);
});
