/**
 * When a conversation goes to a human, as code with named thresholds. 421 is a temporary failure, so the
 * bot escalates only what persists: never on the first mention, never for a 5xx it routed to a guide, not
 * while a single recipient domain explains it, and not after a test email went through.
 */
import { SLOT } from '../core/slots.js';
import type { ConversationState, EscalationReason } from '../core/types.js';
import type { EscalationPolicy } from './policy-types.js';

/** Why the policy did not escalate (said to the user in the flow's words, and logged). */
export type HoldReason = 'routed' | 'test_worked' | 'single_domain' | 'not_persistent' | 'checks_not_done' | 'first_request' | 'not_recurring';

/** The policy's answer: escalate with a reason, or hold with the reason for holding. */
export type EscalationDecision = { escalate: true; reason: EscalationReason } | { escalate: false; hold: HoldReason };

const MINUTE = 60_000;

/** Minutes the problem has lasted, from when the user said it started (or first reported it). */
export function problemMinutes(state: ConversationState, now: number): number {
  return Math.max(0, (now - (state.problemSince ?? state.startedAt)) / MINUTE);
}

function isPersistent(state: ConversationState, now: number, policy: EscalationPolicy): boolean {
  return problemMinutes(state, now) >= policy.persistentAfterMinutes;
}

/** After the last check: escalate a problem that still fails and has lasted past `persistentAfterMinutes`. */
export function decideAfterChecks(state: ConversationState, now: number, policy: EscalationPolicy): EscalationDecision {
  const slots = state.slots;
  if (slots[SLOT.codeClass] === 'permanent') return { escalate: false, hold: 'routed' };
  if (slots[SLOT.testResult] === 'works') return { escalate: false, hold: 'test_worked' };
  if (slots[SLOT.logStatus] === undefined) return { escalate: false, hold: 'checks_not_done' };
  if (!isPersistent(state, now, policy)) {
    return { escalate: false, hold: slots[SLOT.domainScope] === 'one' ? 'single_domain' : 'not_persistent' };
  }
  return { escalate: true, reason: 'persistent' };
}

/**
 * A request for a human: the first is answered with why 421 is usually temporary and the next check;
 * `humanRequestsToEscalate` requests escalate, except for a 5xx already routed to its guide.
 */
export function decideOnHumanRequest(state: ConversationState, policy: EscalationPolicy): EscalationDecision {
  if (state.status === 'routed' || state.slots[SLOT.codeClass] === 'permanent') return { escalate: false, hold: 'routed' };
  if (state.humanRequests + 1 < policy.humanRequestsToEscalate) return { escalate: false, hold: 'first_request' };
  return { escalate: true, reason: 'user_insisted' };
}

/** A new report after the problem was resolved: it recurred when it comes back within the window. */
export function decideOnNewReport(state: ConversationState, now: number, policy: EscalationPolicy): EscalationDecision {
  const recent = state.status === 'resolved' && state.resolvedAt !== undefined && now - state.resolvedAt <= policy.recurrenceWindowMinutes * MINUTE;
  return recent ? { escalate: true, reason: 'recurred' } : { escalate: false, hold: 'not_recurring' };
}

/** When to check back: after the retry wait (longer for greylisting), or when the problem would count as persistent. */
export function checkBackAt(state: ConversationState, now: number, policy: EscalationPolicy, delay: 'retry' | 'persistent'): number {
  const wait = state.slots[SLOT.variation] === 'policy' ? policy.greylistWaitMinutes : policy.waitMinutes;
  if (delay === 'retry') return now + wait * MINUTE;
  const persistentAt = (state.problemSince ?? state.startedAt) + policy.persistentAfterMinutes * MINUTE;
  return Math.max(persistentAt + MINUTE, now + policy.waitMinutes * MINUTE);
}
