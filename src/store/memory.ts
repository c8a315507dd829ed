/** In-memory store for tests and the terminal chat. Same contract as the durable backends. */
import type { TranscriptEntry } from '../core/types.js';
import {
  VersionConflictError,
  type ConversationRecord,
  type Delivery,
  type Followup,
  type Store,
  type StoredEvent,
  type StoredLink,
} from './types.js';

const clone = <T>(value: T): T => structuredClone(value);
/** Byte-order comparison, the same order SQLite's ORDER BY gives text ids. */
const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function createMemoryStore(): Store {
  const conversations = new Map<string, ConversationRecord>();
  const activities = new Map<string, unknown[]>();
  const transcripts = new Map<string, TranscriptEntry[]>();
  /** Per conversation: activity key -> index in its log. */
  const activityKeys = new Map<string, Map<string, number>>();
  const claimed = new Map<string, number>();
  const links = new Map<string, StoredLink>();
  const followups = new Map<string, Followup>();
  const deliveries = new Map<string, Delivery>();
  let events: StoredEvent[] = [];

  return {
    async getConversation(id) {
      const found = conversations.get(id);
      return found && clone(found);
    },
    async putConversation(record, expectedVersion) {
      const current = conversations.get(record.id)?.version ?? 0;
      if (current !== expectedVersion) throw new VersionConflictError(record.id);
      conversations.set(record.id, clone(record));
    },
    async commitTurn(write) {
      const { record } = write;
      // Every check runs before the first change, so a conflict leaves nothing half-written.
      if ((conversations.get(record.id)?.version ?? 0) !== write.expectedVersion) throw new VersionConflictError(record.id);
      conversations.set(record.id, clone(record));
      for (const followup of write.followups ?? []) followups.set(followup.id, clone(followup));
      for (const id of write.cancelFollowups ?? []) followups.delete(id);
      for (const delivery of write.deliveries ?? []) if (!deliveries.has(delivery.id)) deliveries.set(delivery.id, clone(delivery));
      events.push(...(write.events ?? []).map(clone));
      const log = activities.get(record.id) ?? [];
      const added = write.activities ?? [];
      if (write.activityKey !== undefined && added.length > 0) {
        const keys = activityKeys.get(record.id) ?? new Map<string, number>();
        keys.set(write.activityKey, log.length);
        activityKeys.set(record.id, keys);
      }
      log.push(...added.map(clone));
      activities.set(record.id, log);
      const lines = transcripts.get(record.id) ?? [];
      lines.push(...(write.transcript ?? []).map(clone));
      transcripts.set(record.id, lines);
      return log.length;
    },
    async getTranscript(conversationId) {
      return (transcripts.get(conversationId) ?? []).map(clone);
    },
    async deleteConversation(id) {
      conversations.delete(id);
      activities.delete(id);
      activityKeys.delete(id);
      transcripts.delete(id);
      for (const [key, f] of followups) if (f.conversationId === id) followups.delete(key);
      for (const [key, d] of deliveries) if (d.conversationId === id) deliveries.delete(key);
      events = events.filter((e) => e.conversationId !== id);
      for (const [key, link] of links) if (link.conversationId === id) links.delete(key);
    },
    async appendActivities(conversationId, added) {
      const log = activities.get(conversationId) ?? [];
      log.push(...added.map(clone));
      activities.set(conversationId, log);
      return log.length;
    },
    async getActivities(conversationId, watermark) {
      const log = activities.get(conversationId) ?? [];
      return { activities: log.slice(watermark).map(clone), watermark: log.length };
    },
    async recentActivities(conversationId, limit) {
      const log = activities.get(conversationId) ?? [];
      return { activities: limit > 0 ? log.slice(-limit).map(clone) : [], watermark: log.length };
    },
    async findActivity(conversationId, key) {
      const at = activityKeys.get(conversationId)?.get(key);
      return at === undefined ? undefined : clone(activities.get(conversationId)?.[at]);
    },
    async claimOnce(key, at) {
      if (claimed.has(key)) return false;
      claimed.set(key, at);
      return true;
    },
    async putLink(key, conversationId, value) {
      links.set(key, { conversationId, value });
    },
    async getLink(key) {
      const found = links.get(key);
      return found && clone(found);
    },
    async putFollowup(followup) {
      followups.set(followup.id, clone(followup));
    },
    async cancelFollowup(id) {
      followups.delete(id);
    },
    async dueFollowups(now, limit) {
      return [...followups.values()]
        .filter((f) => f.dueAt <= now)
        .sort((a, b) => a.dueAt - b.dueAt || compareIds(a.id, b.id))
        .slice(0, limit)
        .map(clone);
    },
    async enqueueDelivery(delivery) {
      if (!deliveries.has(delivery.id)) deliveries.set(delivery.id, clone(delivery));
    },
    async dueDeliveries(now, limit) {
      return [...deliveries.values()]
        .filter((d) => d.nextAt <= now)
        .sort((a, b) => a.nextAt - b.nextAt || compareIds(a.id, b.id))
        .slice(0, limit)
        .map(clone);
    },
    async completeDelivery(id) {
      deliveries.delete(id);
    },
    async retryDelivery(id, nextAt, error) {
      const found = deliveries.get(id);
      if (found) deliveries.set(id, { ...found, attempts: found.attempts + 1, nextAt, lastError: error });
    },
    async appendEvents(added) {
      events.push(...added.map(clone));
    },
    async listEvents(from, to) {
      return events
        .filter((e) => e.at >= from && e.at < to)
        .sort((a, b) => a.at - b.at)
        .map(clone);
    },
    async purgeBefore(before) {
      let purged = 0;
      for (const [id, record] of conversations) {
        if (record.updatedAt < before) {
          await this.deleteConversation(id);
          purged += 1;
        }
      }
      for (const [key, at] of claimed) if (at < before) claimed.delete(key);
      return purged;
    },
    async ping() {},
    async close() {},
  };
}
