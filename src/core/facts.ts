/**
 * Facts given out of order: a message at one check that answers another ("by the way the test email went
 * through") is stored for that check, acknowledged in one line, and the check is skipped when it is reached.
 */
import type { AskStep } from '../flows/schema.js';
import type { Classification } from '../nlu/types.js';
import type { Turn } from './turn.js';

/** Per loaded flow, which never changes: `stepsBySlot`, worked out once rather than on every turn. */
const bySlot = new WeakMap<Turn['flow'], Map<string, AskStep>>();

/** The ask steps whose slot a message can fill out of order, by slot. */
function stepsBySlot(turn: Turn): Map<string, AskStep> {
  let steps = bySlot.get(turn.flow);
  if (steps === undefined) {
    steps = new Map<string, AskStep>();
    for (const step of turn.flow.steps) if (step.kind === 'ask' && !steps.has(step.slot)) steps.set(step.slot, step);
    bySlot.set(turn.flow, steps);
  }
  return steps;
}

/**
 * Stores the facts of `cls` for checks other than `current` whose answer is not known yet, and returns the
 * acknowledgement lines. `quiet` stores without acknowledging (the first message of a problem, whose skipped checks
 * are said aloud when reached); `answered` says the message answers `current`, so a passing duration ("we sent
 * 3000 at once yesterday") is not acknowledged as an answer to the waiting check.
 */
export function storeFacts(turn: Turn, cls: Classification, current: AskStep | undefined, options = { quiet: false, answered: false }): string[] {
  const { quiet, answered } = options;
  const { slots } = turn.state;
  const steps = stepsBySlot(turn);
  const said: string[] = [];
  // A duration at another question answers the waiting check ("about 9am, so 5 hours or so").
  const waiting = turn.flow.steps.find((s): s is AskStep => s.kind === 'ask' && s.expect === 'duration');
  const waitNote = waiting?.noted?.else;
  const durationElsewhere = current && current.expect !== 'duration' && cls.entities.durationMinutes !== undefined;
  if (!quiet && !answered && waitNote && durationElsewhere) said.push(waitNote);
  for (const [slot, value] of Object.entries(cls.readings.facts)) {
    const step = steps.get(slot);
    if (!step || slot === current?.slot || slots[slot] !== undefined) continue;
    slots[slot] = value;
    // A fact that settles the current check is its answer, and the branch taken says so.
    const settles = current?.answered_by?.includes(slot) ?? false;
    const line = step.noted?.[value] ?? step.noted?.else;
    if (!quiet && !settles && line) said.push(line);
  }
  return said;
}
