/** Turning a conversation into a case for agents, and marking it escalated. */
import { problemMinutes } from '../handoff/policy.js';
import { copyJson } from './copy.js';
import { SLOT } from './slots.js';
import type { Turn } from './turn.js';
import type { CaseSummary, ConversationState, EscalationReason, Variation } from './types.js';

const REASON_WORDS: Record<EscalationReason, string> = {
  persistent: 'still failing after every check and past the persistence threshold',
  recurred: 'came back soon after it was resolved',
  user_insisted: 'the customer asked for a person again',
  agent_requested: 'an agent asked for the case',
};

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Everything an agent needs: codes, variation, each step's answer, times, reason and transcript. */
export function caseSummary(state: ConversationState, stepId: string, reason: EscalationReason, now: number): CaseSummary {
  const slots = state.slots;
  const code = [slots[SLOT.replyCode], slots[SLOT.enhancedStatus]].filter((v) => v !== undefined && v !== '').join(' ');
  const domain = optionalString(slots[SLOT.recipientDomain]);
  const hours = (problemMinutes(state, now) / 60).toFixed(1);
  const summary = [
    code ? `SMTP ${code}` : 'Deferred mail (no error code given)',
    domain ? `to ${domain}` : undefined,
    `for about ${hours} h`,
    `${state.answers.length} step answers`,
    `escalated because ${REASON_WORDS[reason]}`,
  ]
    .filter(Boolean)
    .join(', ');
  const variation = optionalString(slots[SLOT.variation]) as Variation | undefined;
  return {
    reason,
    summary,
    flowId: state.flowId,
    stepId,
    ...(optionalString(slots[SLOT.replyCode]) ? { replyCode: String(slots[SLOT.replyCode]) } : {}),
    ...(optionalString(slots[SLOT.enhancedStatus]) ? { enhancedStatus: String(slots[SLOT.enhancedStatus]) } : {}),
    ...(variation ? { variation } : {}),
    ...(optionalString(slots[SLOT.provider]) ? { provider: String(slots[SLOT.provider]) } : {}),
    ...(domain ? { recipientDomain: domain } : {}),
    answers: copyJson(state.answers),
    startedAt: state.startedAt,
    ...(state.problemSince !== undefined ? { problemSince: state.problemSince } : {}),
    escalatedAt: now,
    // Only the lines not yet stored: the conversation service puts the stored ones before them.
    transcript: copyJson(state.transcript),
  };
}

/** Hands the conversation to a human: says `text`, emits the case, and sets the status. */
export function escalate(turn: Turn, reason: EscalationReason, say: () => void): void {
  const state = turn.state;
  say();
  if (state.followupId) {
    turn.outputs.push({ kind: 'cancel_schedule', followupId: state.followupId });
    delete state.followupId;
  }
  turn.outputs.push({ kind: 'handoff', case: caseSummary(state, state.stepId, reason, turn.now) });
  state.status = 'escalated';
  state.escalatedAt = turn.now;
  state.humanRequests = 0;
  turn.outcome = 'escalated';
  turn.reason = reason;
}
