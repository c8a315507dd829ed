/**
 * The Node server's clock-driven work: due follow-ups and the retention purge. Follow-ups live in the
 * store, so a restarted server picks up whatever came due while it was down on its first tick.
 * (Workers do the same with a Durable Object alarm per conversation.)
 */
import type { Conversations, TurnOutcome } from '../conversation/service.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/types.js';
import type { Deliver } from './types.js';

const DAY_MS = 86_400_000;

/** What the scheduler works on and how often. */
export interface SchedulerOptions {
  store: Store;
  conversations: Pick<Conversations, 'runFollowup'>;
  deliver: Deliver;
  /** The clock; tests pass a controlled one and call `tick()` themselves. */
  now(): number;
  log: Logger;
  /** Conversations untouched for this many days are erased with everything they hold (RETENTION_DAYS). */
  retentionDays: number;
  /** Pause between ticks once started. */
  pollMs?: number;
  /** How often (by `now()`) the retention purge runs; the first tick always purges. */
  purgeEveryMs?: number;
  /** Follow-ups run per tick at most; the rest wait for the next tick. */
  batch?: number;
}

/** What one tick did, for logs and tests. */
export interface TickReport {
  /** Follow-up turns run and persisted. */
  ran: number;
  /** Follow-ups dropped without a turn because the conversation had moved on or was gone. */
  cancelled: number;
  /** Follow-up turns that threw; each is dropped so it cannot fail again on every tick. */
  failed: number;
  /** Turns that ran but whose replies the channel could not send. */
  undelivered: number;
  /** Conversations erased by the retention purge (0 when it did not run). */
  purged: number;
}

/** The running scheduler; the Node runtime starts it next to the HTTP server. */
export interface Scheduler {
  /** Runs one round now; concurrent calls share the round in progress. */
  tick(): Promise<TickReport>;
  /** Ticks at once (catching up after a restart), then every `pollMs`. */
  start(): void;
  /** Stops ticking and waits for a round in progress. */
  stop(): Promise<void>;
}

/** Builds the follow-up and retention scheduler. */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { store, conversations, deliver, log } = options;
  const pollMs = options.pollMs ?? 10_000;
  const purgeEveryMs = options.purgeEveryMs ?? 3_600_000;
  const batch = options.batch ?? 50;
  let lastPurgeAt: number | undefined;
  let running: Promise<TickReport> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = true;

  async function purge(now: number): Promise<number> {
    if (lastPurgeAt !== undefined && now - lastPurgeAt < purgeEveryMs) return 0;
    lastPurgeAt = now;
    try {
      const purged = await store.purgeBefore(now - options.retentionDays * DAY_MS);
      if (purged > 0) log.info('retention purge erased conversations', { purged, retentionDays: options.retentionDays });
      return purged;
    } catch (error) {
      // Follow-ups still run this tick; the purge is tried again after purgeEveryMs.
      log.error('retention purge failed', { error: String(error) });
      return 0;
    }
  }

  async function runDue(now: number, report: TickReport): Promise<void> {
    for (const followup of await store.dueFollowups(now, batch)) {
      const fields = { followupId: followup.id, conversationId: followup.conversationId };
      let outcome: TurnOutcome | undefined;
      try {
        outcome = await conversations.runFollowup(followup);
      } catch (error) {
        report.failed += 1;
        log.error('follow-up turn failed; dropping it', { ...fields, error: String(error) });
        await store.cancelFollowup(followup.id);
        continue;
      }
      if (!outcome) {
        report.cancelled += 1;
        continue;
      }
      report.ran += 1;
      try {
        await deliver(outcome.record, outcome.outputs, outcome.position);
      } catch (error) {
        report.undelivered += 1;
        log.warn('follow-up reply could not be sent', { ...fields, channel: outcome.record.ref.channel, error: String(error) });
      }
    }
  }

  async function round(): Promise<TickReport> {
    const now = options.now();
    const report: TickReport = { ran: 0, cancelled: 0, failed: 0, undelivered: 0, purged: 0 };
    report.purged = await purge(now);
    await runDue(now, report);
    return report;
  }

  function tick(): Promise<TickReport> {
    running ??= round().finally(() => {
      running = undefined;
    });
    return running;
  }

  function schedule(delay: number): void {
    timer = setTimeout(() => {
      tick()
        .catch((error: unknown) => log.error('scheduler tick failed', { error: String(error) }))
        .finally(() => {
          if (!stopped) schedule(pollMs);
        });
    }, delay);
  }

  return {
    tick,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
