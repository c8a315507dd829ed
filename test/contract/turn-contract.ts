/**
 * `commitTurn`, `recentActivities` and `findActivity`: a turn's record and its activity-log entries are one
 * write, so a crash or a lost race can never keep one without the other. Registered by store-contract.ts.
 */
import { describe, expect, it } from 'vitest';
import { VersionConflictError, type Store, type TurnWrite } from '../../src/store/types.js';
import { DAY, delivery, event, record, T0 } from './fixtures.js';

/** Registers the turn-commit tests against the store `current()` gives (a fresh one per test). */
export function describeTurnCommits(current: () => Store): void {
  describe('commitTurn', () => {
    const full = (version: number, activities: unknown[], key?: string): TurnWrite => ({
      record: record('a', version, T0 + version),
      expectedVersion: version - 1,
      followups: [{ id: `f${version}`, conversationId: 'a', dueAt: T0 + version, text: 'did it go through?' }],
      deliveries: [delivery(`d${version}`, 'a', T0 + version)],
      events: [event('a', T0 + version)],
      activities,
      ...(key !== undefined ? { activityKey: key } : {}),
      transcript: [{ from: 'user', text: `line ${version}`, at: T0 + version }, { from: 'bot', text: `reply ${version}`, at: T0 + version }],
    });
    const lines = async (store: Store) => (await store.getTranscript('a')).map((line) => line.text);

    it('writes the record, follow-ups, deliveries, events and activities, and returns the watermark', async () => {
      const store = current();
      expect(await store.commitTurn(full(1, [{ id: 'a|1', text: 'hi' }, { id: 'a|2', text: 'Which provider?' }]))).toBe(2);
      expect(await store.commitTurn(full(2, [{ id: 'a|3' }]))).toBe(3);
      expect(await store.getConversation('a')).toEqual(record('a', 2, T0 + 2));
      expect((await store.getActivities('a', 0)).activities).toEqual([{ id: 'a|1', text: 'hi' }, { id: 'a|2', text: 'Which provider?' }, { id: 'a|3' }]);
      expect((await store.dueFollowups(T0 + DAY, 10)).map((f) => f.id)).toEqual(['f1', 'f2']);
      expect((await store.dueDeliveries(T0 + DAY, 10)).map((d) => d.id)).toEqual(['d1', 'd2']);
      expect(await store.listEvents(0, T0 + DAY)).toHaveLength(2);
      expect(await lines(store)).toEqual(['line 1', 'reply 1', 'line 2', 'reply 2']);
      expect(await store.getTranscript('a')).toContainEqual({ from: 'user', text: 'line 2', at: T0 + 2 });
      expect(await store.getTranscript('unknown')).toEqual([]);
    });

    it('writes nothing at all when the compare-and-set fails', async () => {
      const store = current();
      await store.commitTurn(full(1, [{ id: 'a|1' }], 'client:c1'));
      const stale = { ...full(2, [{ id: 'a|2' }], 'client:c2'), expectedVersion: 0 };
      await expect(store.commitTurn(stale)).rejects.toBeInstanceOf(VersionConflictError);
      expect((await store.getConversation('a'))?.version).toBe(1);
      expect(await store.getActivities('a', 0)).toEqual({ activities: [{ id: 'a|1' }], watermark: 1 });
      expect(await store.findActivity('a', 'client:c2')).toBeUndefined();
      expect((await store.dueFollowups(T0 + DAY, 10)).map((f) => f.id)).toEqual(['f1']);
      expect((await store.dueDeliveries(T0 + DAY, 10)).map((d) => d.id)).toEqual(['d1']);
      expect(await lines(store)).toEqual(['line 1', 'reply 1']);
    });

    it('lets exactly one of two racing turns from the same version write its activities', async () => {
      const store = current();
      await store.commitTurn(full(1, [{ id: 'a|1' }]));
      const results = await Promise.allSettled([
        store.commitTurn({ ...full(2, [{ id: 'a|2', from: 'first' }]) }),
        store.commitTurn({ ...full(2, [{ id: 'a|2', from: 'second' }]) }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect((await store.getActivities('a', 0)).watermark).toBe(2);
      expect(await lines(store)).toEqual(['line 1', 'reply 1', 'line 2', 'reply 2']);
    });

    it('cancels follow-ups in the same write', async () => {
      const store = current();
      await store.commitTurn(full(1, []));
      await store.commitTurn({ record: record('a', 2), expectedVersion: 1, cancelFollowups: ['f1'] });
      expect(await store.dueFollowups(T0 + DAY, 10)).toEqual([]);
      expect((await store.getActivities('a', 0)).watermark).toBe(0);
    });

    it('finds the activity stored under a key, in that conversation only, and forgets it with the conversation', async () => {
      const store = current();
      await store.commitTurn(full(1, [{ id: 'a|1', text: 'echo' }, { id: 'a|2', text: 'reply' }], 'client:c1'));
      await store.commitTurn(full(2, [{ id: 'a|3', text: 'echo 2' }], 'client:c2'));
      expect(await store.findActivity('a', 'client:c1')).toEqual({ id: 'a|1', text: 'echo' });
      expect(await store.findActivity('a', 'client:c2')).toEqual({ id: 'a|3', text: 'echo 2' });
      expect(await store.findActivity('a', 'client:nope')).toBeUndefined();
      expect(await store.findActivity('b', 'client:c1')).toBeUndefined();
      await store.deleteConversation('a');
      expect(await store.findActivity('a', 'client:c1')).toBeUndefined();
    });
  });

  describe('recentActivities', () => {
    it('returns the last activities oldest first with the watermark, or just the watermark for 0', async () => {
      const store = current();
      await store.appendActivities('a', [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
      expect(await store.recentActivities('a', 2)).toEqual({ activities: [{ n: 3 }, { n: 4 }], watermark: 4 });
      expect(await store.recentActivities('a', 10)).toEqual({ activities: [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }], watermark: 4 });
      expect(await store.recentActivities('a', 0)).toEqual({ activities: [], watermark: 4 });
      expect(await store.recentActivities('unknown', 3)).toEqual({ activities: [], watermark: 0 });
    });
  });
}
