/**
 * The Store on Workers: each conversation's calls go to that conversation's Durable Object (its record and
 * activity log), and the calls that span conversations go to one index object (dedupe keys, follow-ups,
 * deliveries, events, last-update times). The objects are reached through `conversation(id)` and `index()`,
 * which give RPC stubs in the Worker (a fresh one per call: a stub is bound to the request that made it) and
 * the local ledger inside the conversation's own object.
 *
 * A write to a conversation's object and its index bookkeeping are two calls: if the second fails, the index
 * lags (retention may keep a conversation one purge longer); the conversation's own data is never lost.
 * `commitTurn` writes the record and the activity log in one atomic call to the conversation's object; its
 * last-update time, follow-ups, deliveries and events follow in one call to the index, written together (the
 * turn is kept if that call fails). The index is one object for every conversation: one call a turn, not one
 * per item.
 */
import type { ConversationLedgerApi } from './durable-object-conversation.js';
import type { IndexLedgerApi } from './durable-object-index.js';
import { VersionConflictError, type Store } from './types.js';

/** The objects behind the store: a conversation's by its id, and the index. */
export interface DurableObjectStoreTargets {
  conversation(id: string): ConversationLedgerApi;
  index(): IndexLedgerApi;
}

/** Builds the Store that routes each call to the object that owns the data. */
export function createDurableObjectStore({ conversation, index }: DurableObjectStoreTargets): Store {
  const erase = async (id: string) => {
    await conversation(id).erase();
    await index().forgetConversation(id);
  };

  return {
    getConversation: async (id) => (await conversation(id).getRecord(id)) ?? undefined,
    async putConversation(record, expectedVersion) {
      if (!(await conversation(record.id).putRecord(record, expectedVersion))) throw new VersionConflictError(record.id);
      await index().touchConversation(record.id, record.updatedAt);
    },
    async commitTurn(write) {
      const { record } = write;
      const watermark = await conversation(record.id).commitTurn(
        record, write.expectedVersion, write.activities ?? [], write.activityKey, write.transcript ?? [],
      );
      if (watermark === false) throw new VersionConflictError(record.id);
      const { followups, cancelFollowups, deliveries, events } = write;
      await index().recordTurn(record.id, record.updatedAt, { followups, cancelFollowups, deliveries, events });
      return watermark;
    },
    getTranscript: async (id) => conversation(id).getTranscript(),
    deleteConversation: erase,

    appendActivities: async (conversationId, activities) => conversation(conversationId).appendActivities(activities),
    getActivities: async (conversationId, watermark) => conversation(conversationId).getActivities(watermark),
    recentActivities: async (conversationId, limit) => conversation(conversationId).recentActivities(limit),
    findActivity: async (conversationId, key) => (await conversation(conversationId).findActivity(key)) ?? undefined,

    claimOnce: async (key, at) => index().claimOnce(key, at),
    putLink: async (key, conversationId, value) => index().putLink(key, conversationId, value),
    getLink: async (key) => (await index().getLink(key)) ?? undefined,

    putFollowup: async (followup) => index().putFollowup(followup),
    cancelFollowup: async (id) => index().cancelFollowup(id),
    dueFollowups: async (now, limit) => index().dueFollowups(now, limit),

    enqueueDelivery: async (delivery) => index().enqueueDelivery(delivery),
    dueDeliveries: async (now, limit) => index().dueDeliveries(now, limit),
    completeDelivery: async (id) => index().completeDelivery(id),
    retryDelivery: async (id, nextAt, error) => index().retryDelivery(id, nextAt, error),

    appendEvents: async (events) => {
      if (events.length > 0) await index().appendEvents(events);
    },
    listEvents: async (from, to) => index().listEvents(from, to),

    async purgeBefore(before) {
      const stale = await index().staleConversations(before);
      for (const id of stale) await erase(id);
      await index().forgetClaims(before);
      return stale.length;
    },
    async ping() {
      await index().nextDeliveryAt();
    },
    async close() {},
  };
}
