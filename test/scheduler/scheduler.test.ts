import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createConversations, type Conversations } from '../../src/conversation/service.js';
import type { Output, Position } from '../../src/core/types.js';
import { createLogger } from '../../src/log.js';
import { createTurnDeps } from '../../src/runtime/engine.js';
import { deliverThroughChannels } from '../../src/scheduler/deliver.js';
import { createScheduler, type Scheduler, type SchedulerOptions } from '../../src/scheduler/scheduler.js';
import { openSqliteStore, sqliteFileIn } from '../../src/store/sqlite.js';
import type { ConversationRecord, ConversationRef, Store } from '../../src/store/types.js';

const T0 = Date.UTC(2026, 10, 2, 9, 30);
const MINUTE = 60_000;
const DAY = 86_400_000;
const ref = (id: string): ConversationRef => ({ channel: 'directline', conversationId: id, userId: 'u1' });

interface Sent {
  record: ConversationRecord;
  outputs: Output[];
  position: Position;
}

describe('follow-up scheduler (SQLite, controlled clock)', () => {
  let dir: string;
  let store: Store;
  let clock: { now: number };
  let service: Conversations;
  let sent: Sent[];
  let logged: string[];

  const open = () => {
    store = openSqliteStore(sqliteFileIn(dir));
    service = createConversations({ store, deps: createTurnDeps(loadConfig({}), () => clock.now) });
  };
  const scheduler = (extra: Partial<SchedulerOptions> = {}): Scheduler =>
    createScheduler({
      store,
      conversations: service,
      deliver: async (record, outputs, position) => {
        sent.push({ record, outputs, position });
      },
      now: () => clock.now,
      log: createLogger('debug', (line) => logged.push(line)),
      retentionDays: 30,
      ...extra,
    });

  /** A greylisted 421, retried "just now": the flow promises to check back after the wait. */
  async function waitingForFollowup(id: string): Promise<{ followupId: string; dueAt: number }> {
    await service.turn(id, ref(id), { kind: 'message', text: '421 4.7.0 Greylisting enabled, please try later' });
    const outcome = await service.turn(id, ref(id), { kind: 'message', text: 'Just now (under 15 minutes)', choice: 'just_now' });
    const scheduled = outcome.outputs.find((o) => o.kind === 'schedule');
    if (scheduled?.kind !== 'schedule') throw new Error(`the flow scheduled no follow-up: ${JSON.stringify(outcome.outputs)}`);
    return { followupId: scheduled.followupId, dueAt: scheduled.at };
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'softbounce-scheduler-'));
    clock = { now: T0 };
    sent = [];
    logged = [];
    open();
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a follow-up once it is due, delivers its question, and never runs it twice', async () => {
    const { followupId, dueAt } = await waitingForFollowup('c1');
    expect(dueAt).toBeGreaterThan(T0);
    const tasks = scheduler();

    clock.now = dueAt - 1;
    expect(await tasks.tick()).toMatchObject({ ran: 0, cancelled: 0 });
    expect(sent).toEqual([]);

    clock.now = dueAt;
    expect(await tasks.tick()).toMatchObject({ ran: 1, cancelled: 0, failed: 0, undelivered: 0 });
    expect(sent).toHaveLength(1);
    const [delivered] = sent;
    expect(delivered?.record.id).toBe('c1');
    expect(delivered?.outputs.find((o) => o.kind === 'ask')).toMatchObject({ stepId: 'retry_check' });
    expect(delivered?.position).toMatchObject({ stepId: 'retry_check', status: 'active' });
    const stored = await store.getConversation('c1');
    expect(stored?.state.followupId).toBeUndefined();
    expect(stored?.version).toBe(3);

    clock.now = dueAt + DAY;
    expect(await tasks.tick()).toMatchObject({ ran: 0, cancelled: 0 });
    expect(sent).toHaveLength(1);
    expect(followupId).toBeTruthy();
  });

  it('does not follow up when the user answered before it was due', async () => {
    const { dueAt } = await waitingForFollowup('c1');
    await service.turn('c1', ref('c1'), { kind: 'message', text: 'I retried and it went through now' });
    const before = await store.getConversation('c1');

    clock.now = dueAt + MINUTE;
    await scheduler().tick();
    expect(sent).toEqual([]);
    expect((await store.getConversation('c1'))?.version).toBe(before?.version);
  });

  it('cancels, without a turn, a follow-up the conversation no longer waits for', async () => {
    const { followupId } = await waitingForFollowup('c1');
    await store.putFollowup({ id: 'left-behind', conversationId: 'c1', dueAt: T0, text: 'an older check-back' });
    await store.putFollowup({ id: 'orphan', conversationId: 'erased', dueAt: T0, text: 'conversation gone' });

    expect(await scheduler().tick()).toMatchObject({ ran: 0, cancelled: 2 });
    expect(sent).toEqual([]);
    expect((await store.getConversation('c1'))?.version).toBe(2);
    expect((await store.dueFollowups(T0 + DAY, 10)).map((f) => f.id)).toEqual([followupId]);
  });

  it('picks up a follow-up that came due while the server was down', async () => {
    const { dueAt } = await waitingForFollowup('c1');
    await store.close();
    clock.now = dueAt + 3 * 60 * MINUTE;
    open();
    expect(await scheduler().tick()).toMatchObject({ ran: 1 });
    expect(sent[0]?.position.stepId).toBe('retry_check');
  });

  it('runs at most `batch` follow-ups per tick, earliest first, and the rest on the next tick', async () => {
    const due: string[] = [];
    for (const id of ['c1', 'c2', 'c3']) {
      await waitingForFollowup(id);
      clock.now += MINUTE;
      due.push(id);
    }
    clock.now += DAY;
    const tasks = scheduler({ batch: 2 });
    expect(await tasks.tick()).toMatchObject({ ran: 2 });
    expect(await tasks.tick()).toMatchObject({ ran: 1 });
    expect(sent.map((s) => s.record.id)).toEqual(due);
  });

  it('counts a reply no channel can send as undelivered, keeps the turn, and does not retry it', async () => {
    const { dueAt } = await waitingForFollowup('c1');
    clock.now = dueAt;
    const tasks = createScheduler({
      store, conversations: service, deliver: deliverThroughChannels({}), now: () => clock.now,
      log: createLogger('debug', (line) => logged.push(line)), retentionDays: 30,
    });
    expect(await tasks.tick()).toMatchObject({ ran: 1, undelivered: 1 });
    expect(logged.join('\n')).toMatch(/no sender is configured for channel \\"directline\\"/);
    expect((await store.getConversation('c1'))?.state.stepId).toBe('retry_check');
    expect(await tasks.tick()).toMatchObject({ ran: 0, undelivered: 0 });
  });

  it('drops a follow-up whose turn throws, so it cannot fail on every tick', async () => {
    await waitingForFollowup('c1');
    const stored = (await store.getConversation('c1'))!;
    // The flows were changed under the stored conversation: its step is gone.
    await store.putConversation({ ...stored, version: 3, state: { ...stored.state, stepId: 'removed_step' } }, 2);
    clock.now += DAY;
    const tasks = scheduler();
    expect(await tasks.tick()).toMatchObject({ ran: 0, failed: 1 });
    expect(logged.join('\n')).toMatch(/follow-up turn failed/);
    expect(await tasks.tick()).toMatchObject({ failed: 0 });
    expect(sent).toEqual([]);
  });

  it('erases conversations untouched for longer than the retention period, at most once per purge interval', async () => {
    await service.turn('old', ref('old'), { kind: 'message', text: 'my mail to gmail bounces with 421' });
    await store.appendActivities('old', [{ type: 'message', text: 'my mail to gmail bounces with 421' }]);
    clock.now = T0 + DAY + 10 * MINUTE;
    await service.turn('recent', ref('recent'), { kind: 'message', text: 'mail to outlook is deferred' });

    clock.now = T0 + 31 * DAY;
    const tasks = scheduler({ purgeEveryMs: 60 * MINUTE });
    expect(await tasks.tick()).toMatchObject({ purged: 1 });
    expect(await store.getConversation('old')).toBeUndefined();
    expect(await store.getActivities('old', 0)).toEqual({ activities: [], watermark: 0 });
    expect(await store.getConversation('recent')).toBeDefined();

    // 'recent' is past the retention period 30 minutes later, but the purge waits for its interval.
    clock.now = T0 + 31 * DAY + 30 * MINUTE;
    expect(await tasks.tick()).toMatchObject({ purged: 0 });
    expect(await store.getConversation('recent')).toBeDefined();
    clock.now = T0 + 31 * DAY + 60 * MINUTE;
    expect(await tasks.tick()).toMatchObject({ purged: 1 });
    expect(await store.getConversation('recent')).toBeUndefined();
  });

  it('ticks as soon as it starts and stops cleanly', async () => {
    const { dueAt } = await waitingForFollowup('c1');
    clock.now = dueAt;
    let delivered!: () => void;
    const done = new Promise<void>((resolve) => (delivered = resolve));
    const tasks = createScheduler({
      store, conversations: service, now: () => clock.now, log: createLogger('silent'), retentionDays: 30, pollMs: 3_600_000,
      deliver: async (record, outputs, position) => {
        sent.push({ record, outputs, position });
        delivered();
      },
    });
    tasks.start();
    await done;
    await tasks.stop();
    expect(sent.map((s) => s.record.id)).toEqual(['c1']);
  });
});
