/**
 * Follow-ups on Workers: the conversation's object runs its due follow-ups when its alarm rings and sends each
 * check-back to the user's own channel through the same channel senders as the Node scheduler, with the same
 * outcomes (a failed turn is dropped, an unsendable reply is logged).
 */
import type { TurnOutcome } from '../../conversation/service.js';
import { createChannelSenders } from '../../scheduler/channel-senders.js';
import { deliverThroughChannels } from '../../scheduler/deliver.js';
import type { ConversationRuntime } from './conversation-runtime.js';

/** Follow-ups handled per alarm; more than one due at once is already unusual. */
const FOLLOWUPS_PER_ALARM = 10;

/** Runs conversation `conversationId`'s follow-ups due by `now` and delivers their replies. */
export async function runDueFollowups(runtime: ConversationRuntime, conversationId: string, now: number): Promise<void> {
  const { log } = runtime;
  const deliver = deliverThroughChannels(createChannelSenders(runtime.config, runtime.directLine));
  for (const followup of await runtime.index().dueFollowups(now, FOLLOWUPS_PER_ALARM, conversationId)) {
    const fields = { conversationId, followupId: followup.id };
    let outcome: TurnOutcome | undefined;
    try {
      outcome = await runtime.conversations.runFollowup(followup);
    } catch (error) {
      log.error('follow-up turn failed; dropping it', { ...fields, error: String(error) });
      await runtime.store.cancelFollowup(followup.id);
      continue;
    }
    if (!outcome) continue;
    try {
      await deliver(outcome.record, outcome.outputs, outcome.position);
    } catch (error) {
      log.warn('follow-up reply could not be sent', { ...fields, channel: outcome.record.ref.channel, error: String(error) });
    }
  }
}
