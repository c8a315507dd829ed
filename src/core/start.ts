/** Starting a problem: forget the last one's answers, read what the first message already says, enter the flow. */
import type { Classification } from '../nlu/types.js';
import { absorb, setRecipientDomain } from './context.js';
import { storeFacts } from './facts.js';
import { enterStep } from './interpreter.js';
import { applyError, readError } from './read-error.js';
import { SLOT } from './slots.js';
import type { Turn } from './turn.js';

/** Clears the problem's slots and answers, keeping the transcript, one-time notes and what is known of the user. */
function resetProblem(turn: Turn, cls?: Classification): void {
  const state = turn.state;
  if (state.followupId) turn.outputs.push({ kind: 'cancel_schedule', followupId: state.followupId });
  const keep = Object.fromEntries([SLOT.mta, SLOT.technical].filter((s) => state.slots[s] !== undefined).map((s) => [s, state.slots[s]]));
  Object.assign(state, { slots: keep, answers: [], trail: [], attempts: 0, status: 'active', stepId: '' });
  for (const key of ['problemSince', 'resolvedAt', 'escalatedAt', 'followupId'] as const) delete state[key];
  state.problemSince = turn.now;
  if (!cls) return;
  const reading = readError(cls.text, cls.entities, true);
  if (reading) applyError(turn, reading);
  if (reading?.recipientDomain) setRecipientDomain(turn, reading.recipientDomain);
  absorb(turn, cls, { plainDomains: false });
  // The checks these facts answer are skipped, and said aloud, when the walk-through reaches them.
  storeFacts(turn, cls, undefined, { quiet: true, answered: false });
}

/** Starts the problem afresh (reading what the message already says) and walks in from the first step. */
export function startFlow(turn: Turn, cls?: Classification): void {
  resetProblem(turn, cls);
  enterStep(turn, turn.flow.start);
}

/** A choice of the first question clicked before the flow opened it (an old card): opens the flow there. */
export function openedByChoice(turn: Turn, choice: string): boolean {
  const start = turn.flow.steps.find((s) => s.id === turn.flow.start);
  if (start?.kind !== 'ask' || !start.choices.some((c) => c.id === choice)) return false;
  resetProblem(turn);
  turn.state.stepId = start.id;
  turn.state.trail = [start.id];
  return true;
}
