/**
 * The one behaviour every Store backend must show. Runs under Node (memory, SQLite) and inside workerd
 * (Durable Objects), so it imports nothing runtime-specific: pass a factory that opens a fresh, empty store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VersionConflictError, type Store } from '../../src/store/types.js';
import { DAY, delivery, event, record, T0 } from './fixtures.js';
import { describeTurnCommits } from './turn-contract.js';

/** Registers the store contract tests for one backend. */
export function runStoreContract(backend: string, open: () => Promise<Store>): void {
  describe(`Store contract: ${backend}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('conversations', () => {
      it('returns undefined for an unknown conversation', async () => {
        expect(await store.getConversation('nope')).toBeUndefined();
      });

      it('creates with expected version 0 and reads back an equal record', async () => {
        await store.putConversation(record('a', 1), 0);
        expect(await store.getConversation('a')).toEqual(record('a', 1));
      });

      it('rejects a create when the conversation already exists', async () => {
        await store.putConversation(record('a', 1), 0);
        await expect(store.putConversation(record('a', 1, T0 + 5, 'other'), 0)).rejects.toBeInstanceOf(VersionConflictError);
        expect((await store.getConversation('a'))?.state.stepId).toBe('check_queue');
      });

      it('updates only when the expected version matches the stored one', async () => {
        await store.putConversation(record('a', 1), 0);
        await store.putConversation(record('a', 2, T0 + 1, 'check_spf'), 1);
        await expect(store.putConversation(record('a', 3, T0 + 2, 'stale'), 1)).rejects.toMatchObject({ code: 'version_conflict' });
        const stored = await store.getConversation('a');
        expect(stored?.version).toBe(2);
        expect(stored?.state.stepId).toBe('check_spf');
        expect(stored?.updatedAt).toBe(T0 + 1);
      });

      it('rejects an update of a conversation that does not exist', async () => {
        await expect(store.putConversation(record('ghost', 4), 3)).rejects.toBeInstanceOf(VersionConflictError);
        expect(await store.getConversation('ghost')).toBeUndefined();
      });

      it('lets exactly one of two racing writers with the same expected version win', async () => {
        await store.putConversation(record('a', 1), 0);
        const results = await Promise.allSettled([
          store.putConversation(record('a', 2, T0 + 1, 'left'), 1),
          store.putConversation(record('a', 2, T0 + 1, 'right'), 1),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const loser = results.find((r) => r.status === 'rejected');
        expect(loser?.status === 'rejected' && loser.reason).toBeInstanceOf(VersionConflictError);
      });

      it('hands out copies: changing a returned record does not change the stored one', async () => {
        await store.putConversation(record('a', 1), 0);
        const first = await store.getConversation('a');
        first?.state.transcript.push({ from: 'user', text: 'mutated', at: T0 });
        expect((await store.getConversation('a'))?.state.transcript).toHaveLength(2);
      });
    });

    describe('activities', () => {
      it('appends in order and reports the watermark as the number of activities', async () => {
        expect(await store.appendActivities('a', [{ id: 'm1', text: 'hi' }, { id: 'm2', text: 'there' }])).toBe(2);
        expect(await store.appendActivities('a', [{ id: 'm3', nested: { ok: true } }])).toBe(3);
        expect(await store.getActivities('a', 0)).toEqual({
          activities: [{ id: 'm1', text: 'hi' }, { id: 'm2', text: 'there' }, { id: 'm3', nested: { ok: true } }],
          watermark: 3,
        });
      });

      it('returns only activities after the watermark', async () => {
        await store.appendActivities('a', [{ id: 'm1' }, { id: 'm2' }, { id: 'm3' }]);
        expect(await store.getActivities('a', 2)).toEqual({ activities: [{ id: 'm3' }], watermark: 3 });
        expect(await store.getActivities('a', 3)).toEqual({ activities: [], watermark: 3 });
        // Callers ask for just the count this way (the Direct Line log writer does).
        expect(await store.getActivities('a', Number.MAX_SAFE_INTEGER)).toEqual({ activities: [], watermark: 3 });
      });

      it('keeps each conversation in its own log', async () => {
        await store.appendActivities('a', [{ id: 'a1' }]);
        expect(await store.appendActivities('b', [{ id: 'b1' }, { id: 'b2' }])).toBe(2);
        expect(await store.getActivities('a', 0)).toEqual({ activities: [{ id: 'a1' }], watermark: 1 });
        expect(await store.getActivities('unknown', 0)).toEqual({ activities: [], watermark: 0 });
      });

      it('numbers concurrent appends without gaps or overlaps', async () => {
        const marks = await Promise.all([1, 2, 3, 4, 5].map((n) => store.appendActivities('a', [{ n }, { n }])));
        expect([...marks].sort((x, y) => x - y)).toEqual([2, 4, 6, 8, 10]);
        expect((await store.getActivities('a', 0)).activities).toHaveLength(10);
      });
    });

    describe('claimOnce', () => {
      it('is true the first time a key is seen and false for every repeat', async () => {
        expect(await store.claimOnce('slack:Ev1', T0)).toBe(true);
        expect(await store.claimOnce('slack:Ev1', T0 + 1)).toBe(false);
        expect(await store.claimOnce('slack:Ev2', T0 + 1)).toBe(true);
      });

      it('lets only one of several concurrent claims of a key succeed', async () => {
        const claims = await Promise.all([1, 2, 3, 4].map(() => store.claimOnce('teams:act-9', T0)));
        expect(claims.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('links', () => {
      it('finds what a key points at, replaces it on a second put, and knows nothing of other keys', async () => {
        expect(await store.getLink('desk:slack:C1:1.2')).toBeUndefined();
        await store.putLink('desk:slack:C1:1.2', 'conv-a', '{"ts":"1.2"}');
        expect(await store.getLink('desk:slack:C1:1.2')).toEqual({ conversationId: 'conv-a', value: '{"ts":"1.2"}' });
        await store.putLink('desk:slack:C1:1.2', 'conv-a', '{"ts":"1.3"}');
        expect((await store.getLink('desk:slack:C1:1.2'))?.value).toBe('{"ts":"1.3"}');
        expect(await store.getLink('desk:slack:C1:9.9')).toBeUndefined();
      });

      it('erases the links of a deleted conversation only', async () => {
        await store.putConversation(record('gone', 1), 0);
        await store.putConversation(record('kept', 1), 0);
        await store.putLink('thread-of-gone', 'gone', '{}');
        await store.putLink('thread-of-kept', 'kept', '{}');
        await store.deleteConversation('gone');
        expect(await store.getLink('thread-of-gone')).toBeUndefined();
        expect(await store.getLink('thread-of-kept')).toEqual({ conversationId: 'kept', value: '{}' });
      });
    });

    describe('follow-ups', () => {
      it('lists due follow-ups earliest first, including one due exactly now, and not future ones', async () => {
        await store.putFollowup({ id: 'f-late', conversationId: 'a', dueAt: T0 + 30, text: 'late' });
        await store.putFollowup({ id: 'f-early', conversationId: 'b', dueAt: T0 + 10, text: 'early' });
        await store.putFollowup({ id: 'f-now', conversationId: 'a', dueAt: T0 + 20, text: 'now' });
        await store.putFollowup({ id: 'f-future', conversationId: 'a', dueAt: T0 + 21, text: 'future' });
        const due = await store.dueFollowups(T0 + 20, 10);
        expect(due.map((f) => f.id)).toEqual(['f-early', 'f-now']);
        expect(due[0]).toEqual({ id: 'f-early', conversationId: 'b', dueAt: T0 + 10, text: 'early' });
      });

      it('breaks ties by id and honours the limit', async () => {
        for (const id of ['f-c', 'f-a', 'f-b']) await store.putFollowup({ id, conversationId: 'a', dueAt: T0, text: id });
        expect((await store.dueFollowups(T0, 2)).map((f) => f.id)).toEqual(['f-a', 'f-b']);
      });

      it('reschedules when the same id is put again, and forgets a cancelled one', async () => {
        await store.putFollowup({ id: 'f1', conversationId: 'a', dueAt: T0, text: 'first' });
        await store.putFollowup({ id: 'f1', conversationId: 'a', dueAt: T0 + DAY, text: 'moved' });
        expect(await store.dueFollowups(T0, 10)).toEqual([]);
        expect(await store.dueFollowups(T0 + DAY, 10)).toEqual([{ id: 'f1', conversationId: 'a', dueAt: T0 + DAY, text: 'moved' }]);
        await store.cancelFollowup('f1');
        await store.cancelFollowup('never-existed');
        expect(await store.dueFollowups(T0 + 2 * DAY, 10)).toEqual([]);
      });
    });

    describe('deliveries', () => {
      it('lists due deliveries earliest first with their payload', async () => {
        await store.enqueueDelivery(delivery('d2', 'a', T0 + 5));
        await store.enqueueDelivery(delivery('d1', 'a', T0));
        await store.enqueueDelivery(delivery('d3', 'b', T0 + 60_000));
        expect(await store.dueDeliveries(T0 + 5, 10)).toEqual([delivery('d1', 'a', T0), delivery('d2', 'a', T0 + 5)]);
        expect(await store.dueDeliveries(T0 + 5, 1)).toHaveLength(1);
      });

      it('retries later with the attempt counted and the error kept', async () => {
        await store.enqueueDelivery(delivery('d1', 'a', T0));
        await store.retryDelivery('d1', T0 + 60_000, 'HTTP 503 from helpdesk');
        expect(await store.dueDeliveries(T0 + 59_999, 10)).toEqual([]);
        await store.retryDelivery('d1', T0 + 120_000, 'timeout');
        const [retried] = await store.dueDeliveries(T0 + 120_000, 10);
        expect(retried).toEqual({ ...delivery('d1', 'a', T0 + 120_000), attempts: 2, lastError: 'timeout' });
      });

      it('removes a completed delivery', async () => {
        await store.enqueueDelivery(delivery('d1', 'a', T0));
        await store.enqueueDelivery(delivery('d2', 'a', T0));
        await store.completeDelivery('d1');
        expect((await store.dueDeliveries(T0, 10)).map((d) => d.id)).toEqual(['d2']);
      });

      it('keeps the queued delivery when the same id is enqueued again', async () => {
        await store.enqueueDelivery(delivery('d1', 'a', T0));
        await store.retryDelivery('d1', T0 + 10, 'refused');
        await store.enqueueDelivery(delivery('d1', 'a', T0));
        expect(await store.dueDeliveries(T0 + 10, 10)).toEqual([{ ...delivery('d1', 'a', T0 + 10), attempts: 1, lastError: 'refused' }]);
      });
    });

    describe('events', () => {
      it('lists events with from <= at < to, oldest first', async () => {
        await store.appendEvents([event('a', T0 + 20), event('b', T0 + 10, 'ask_code')]);
        await store.appendEvents([event('a', T0 + 30), event('a', T0 + 5)]);
        await store.appendEvents([]);
        const listed = await store.listEvents(T0 + 10, T0 + 30);
        expect(listed).toEqual([event('b', T0 + 10, 'ask_code'), event('a', T0 + 20)]);
        expect(await store.listEvents(T0, T0 + 31)).toHaveLength(4);
      });
    });

    describe('erasure and retention', () => {
      async function seed(id: string, updatedAt: number): Promise<void> {
        await store.commitTurn({ record: record(id, 1, updatedAt), expectedVersion: 0, transcript: [{ from: 'user', text: 'my mail bounces', at: T0 }] });
        await store.appendActivities(id, [{ id: `${id}-1`, text: 'my mail bounces' }]);
        await store.putFollowup({ id: `f-${id}`, conversationId: id, dueAt: T0, text: 'did it go through?' });
        await store.enqueueDelivery(delivery(`d-${id}`, id, T0));
        await store.appendEvents([event(id, T0)]);
      }

      async function remaining(id: string) {
        return {
          record: await store.getConversation(id),
          transcript: (await store.getTranscript(id)).length,
          activities: (await store.getActivities(id, 0)).activities.length,
          followups: (await store.dueFollowups(T0 + DAY, 100)).filter((f) => f.conversationId === id).length,
          deliveries: (await store.dueDeliveries(T0 + DAY, 100)).filter((d) => d.conversationId === id).length,
          events: (await store.listEvents(0, T0 + DAY)).filter((e) => e.conversationId === id).length,
        };
      }

      it('deleteConversation erases the record, transcript, activities, follow-ups, deliveries and events of that conversation only', async () => {
        await seed('gone', T0);
        await seed('kept', T0);
        await store.deleteConversation('gone');
        expect(await remaining('gone')).toEqual({ record: undefined, transcript: 0, activities: 0, followups: 0, deliveries: 0, events: 0 });
        expect(await remaining('kept')).toMatchObject({ transcript: 1, activities: 1, followups: 1, deliveries: 1, events: 1 });
        await store.deleteConversation('never-existed');
      });

      it('purgeBefore erases conversations last updated before the cut, with all their rows', async () => {
        await seed('old', T0 - 31 * DAY);
        await seed('edge', T0 - 30 * DAY);
        await seed('fresh', T0 - DAY);
        expect(await store.purgeBefore(T0 - 30 * DAY)).toBe(1);
        expect(await remaining('old')).toEqual({ record: undefined, transcript: 0, activities: 0, followups: 0, deliveries: 0, events: 0 });
        expect((await remaining('edge')).record?.id).toBe('edge');
        expect(await remaining('fresh')).toMatchObject({ transcript: 1, activities: 1, followups: 1, deliveries: 1, events: 1 });
        expect(await store.purgeBefore(T0 - 30 * DAY)).toBe(0);
      });

      it('purgeBefore forgets claimOnce keys recorded before the cut and keeps newer ones', async () => {
        await store.claimOnce('old-key', T0 - 40 * DAY);
        await store.claimOnce('new-key', T0);
        await store.purgeBefore(T0 - 30 * DAY);
        expect(await store.claimOnce('old-key', T0 + 1)).toBe(true);
        expect(await store.claimOnce('new-key', T0 + 1)).toBe(false);
      });
    });

    describeTurnCommits(() => store);

    it('ping resolves while the store is open', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
