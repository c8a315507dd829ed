/** Counts and times every turn that goes through the conversation service, without changing what it does. */
import type { Conversations, TurnOutcome } from '../conversation/service.js';
import type { ChannelId } from '../store/types.js';
import type { AppMetrics } from './app-metrics.js';

function record(metrics: AppMetrics, channel: ChannelId, outcome: TurnOutcome, seconds: number): void {
  metrics.turns.inc({ channel, status: outcome.state.status });
  metrics.turnSeconds.observe(seconds, { channel });
  if (outcome.failure !== undefined) metrics.turnFailures.inc({ channel });
  for (const output of outcome.outputs) {
    if (output.kind === 'handoff') metrics.handoffs.inc({ channel, reason: output.case.reason });
    if (output.kind === 'log' && output.event.outcome) {
      metrics.outcomes.inc({ outcome: output.event.outcome, reason: output.event.reason ?? '' });
    }
  }
}

/**
 * Wraps `conversations` so each turn and follow-up is counted and timed. `clock` is in milliseconds
 * (performance.now by default; on Workers it only advances across I/O, which is what a turn waits on).
 */
export function instrumentConversations(
  conversations: Conversations,
  metrics: AppMetrics,
  clock: () => number = () => performance.now(),
): Conversations {
  return {
    async turn(id, ref, input, log, options) {
      const started = clock();
      const outcome = await conversations.turn(id, ref, input, log, options);
      record(metrics, outcome.record.ref.channel, outcome, (clock() - started) / 1000);
      return outcome;
    },
    async runFollowup(followup) {
      const started = clock();
      const outcome = await conversations.runFollowup(followup);
      if (outcome) record(metrics, outcome.record.ref.channel, outcome, (clock() - started) / 1000);
      return outcome;
    },
    get: (id) => conversations.get(id),
    transcript: (id) => conversations.transcript(id),
  };
}
