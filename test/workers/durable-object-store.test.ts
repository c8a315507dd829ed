import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createDurableObjectStore } from '../../src/store/durable-object.js';
import type { ConversationRpc, IndexRpc } from '../../src/runtime/worker/bindings.js';
import { runStoreContract } from '../contract/store-contract.js';
import { delivery, event, record, T0 } from '../contract/fixtures.js';

// Each store gets its own objects (a fresh name prefix), so every test starts from empty storage.
runStoreContract('Durable Objects (workerd)', async () => {
  const scope = crypto.randomUUID();
  const named = (namespace: typeof env.CONVERSATION, name: string) => namespace.get(namespace.idFromName(`${scope}:${name}`));
  return createDurableObjectStore({
    conversation: (id) => named(env.CONVERSATION, id) as unknown as ConversationRpc,
    index: () => named(env.STORE_INDEX, 'index') as unknown as IndexRpc,
  });
});

describe('Durable Object store: a turn and the index', () => {
  it("sends a turn's last-update time, follow-ups, cancellations, deliveries and events to the index in one call", async () => {
    const scope = crypto.randomUUID();
    const named = (namespace: typeof env.CONVERSATION, name: string) => namespace.get(namespace.idFromName(`${scope}:${name}`));
    // The store asks for the index's stub once per call it makes to the index.
    let indexCalls = 0;
    const store = createDurableObjectStore({
      conversation: (id) => named(env.CONVERSATION, id) as unknown as ConversationRpc,
      index: () => {
        indexCalls += 1;
        return named(env.STORE_INDEX, 'index') as unknown as IndexRpc;
      },
    });
    await store.putFollowup({ id: 'f-old', conversationId: 'a', dueAt: T0, text: 'old' });
    indexCalls = 0;

    await store.commitTurn({
      record: record('a', 1, T0 + 5), expectedVersion: 0,
      followups: [{ id: 'f-new', conversationId: 'a', dueAt: T0 + 10, text: 'still failing?' }],
      cancelFollowups: ['f-old'],
      deliveries: [delivery('d1', 'a', T0 + 1)],
      events: [event('a', T0 + 5)],
    });
    expect(indexCalls).toBe(1);
    expect((await store.dueFollowups(T0 + 20, 10)).map((f) => f.id)).toEqual(['f-new']);
    expect((await store.dueDeliveries(T0 + 20, 10)).map((d) => d.id)).toEqual(['d1']);
    expect((await store.listEvents(T0, T0 + 20)).map((e) => e.conversationId)).toEqual(['a']);
    expect(await store.purgeBefore(T0 + 5)).toBe(0);
    expect(await store.purgeBefore(T0 + 6)).toBe(1);
  });
});
