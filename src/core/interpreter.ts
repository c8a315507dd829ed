/**
 * The flow interpreter: walks steps (say, branch, schedule, handoff, end) until one must wait for the user,
 * within a per-turn step budget.
 */
import { holds } from '../flows/conditions.js';
import { FlowError } from '../flows/load.js';
import type { AskStep, Next, Step } from '../flows/schema.js';
import { checkBackAt, decideAfterChecks } from '../handoff/policy.js';
import { StepBudgetError } from './errors.js';
import { escalate } from './escalate.js';
import { ask, fill, say, sayMessage, stepById, traceStep, type Turn } from './turn.js';
import type { Choice, SlotValue } from './types.js';

/** Steps one turn may walk before the flow is judged to loop. */
export const STEP_BUDGET = 40;

/** The choices shown with a step's question; `withNotSure` adds the way forward after unclear answers. */
export function choicesOf(turn: Turn, step: AskStep, withNotSure = false): Choice[] {
  const choices = step.choices.map((c) => ({ id: c.id, label: c.label }));
  if (withNotSure && !choices.some((c) => c.id === 'not_sure')) choices.push({ id: 'not_sure', label: turn.flow.messages.not_sure });
  return choices;
}

/** The step after `step`; `acknowledge` says the taken branch's connecting line (only for an answer given now). */
function resolveNext(turn: Turn, step: Step, next: Next, acknowledge = false): string {
  if (typeof next === 'string') return next;
  for (const [i, branch] of next.entries()) {
    const taken = 'else' in branch || holds(branch.if, turn.state.slots, turn.deps.policy);
    if (!taken) continue;
    traceStep(turn, step.id, 'else' in branch ? 'else' : i);
    if (acknowledge && branch.say) say(turn, branch.say);
    return 'else' in branch ? branch.else : branch.then;
  }
  // Unreachable for flows that passed the graph checks (they require a final else).
  throw new FlowError([
    { check: 'no_default', file: turn.flow.source ?? '', flow: turn.flow.id, step: step.id, message: 'no branch matched and there is no else', fix: 'end the branches with `- else: <step id>`' },
  ]);
}

/** The answer a step already has: its own slot, or one of the slots that settle it (`answered_by`). */
export function knownAnswer(slots: Record<string, SlotValue>, step: AskStep): SlotValue | undefined {
  return slots[step.slot] ?? step.answered_by?.map((slot) => slots[slot]).find((value) => value !== undefined);
}

/** Asks a step's question and makes it the one waiting for an answer. */
export function askStep(turn: Turn, step: AskStep, text = step.question, withNotSure = false): void {
  const state = turn.state;
  if (state.trail.at(-1) !== step.id) state.trail.push(step.id);
  state.stepId = step.id;
  ask(turn, step.id, text, choicesOf(turn, step, withNotSure));
}

/** Runs the flow from `stepId` until it asks something or ends. */
export function enterStep(turn: Turn, stepId: string): void {
  const state = turn.state;
  let current = stepId;
  for (;;) {
    turn.steps += 1;
    if (turn.steps > STEP_BUDGET) throw new StepBudgetError(turn.flow.id, current, STEP_BUDGET);
    const step = stepById(turn, current);
    traceStep(turn, step.id);
    switch (step.kind) {
      case 'ask': {
        const known = knownAnswer(state.slots, step);
        if (known === undefined) {
          state.attempts = 0;
          askStep(turn, step);
          return;
        }
        // The conversation stands at the last check it passed, so an outcome right after a skip is placed there.
        state.stepId = step.id;
        if (!state.answers.some((a) => a.stepId === step.id)) {
          state.answers.push({ stepId: step.id, value: known, text: '(from an earlier message)', at: turn.now });
          // Said aloud, so the user knows why a check they expected was passed over.
          if (step.skipped) say(turn, step.skipped);
        }
        current = resolveNext(turn, step, step.next);
        break;
      }
      case 'say':
        say(turn, step.text);
        current = resolveNext(turn, step, step.next);
        break;
      case 'schedule': {
        const followupId = turn.deps.newId();
        const at = checkBackAt(state, turn.now, turn.deps.policy, step.delay);
        if (state.followupId) turn.outputs.push({ kind: 'cancel_schedule', followupId: state.followupId });
        say(turn, step.text);
        turn.outputs.push({ kind: 'schedule', followupId, at, text: fill(turn, step.followup) });
        state.followupId = followupId;
        state.status = 'waiting_followup';
        const resume = stepById(turn, step.resume);
        if (resume.kind === 'ask') delete state.slots[resume.slot];
        traceStep(turn, step.resume);
        state.stepId = step.resume;
        if (state.trail.at(-1) !== step.resume) state.trail.push(step.resume);
        state.attempts = 0;
        return;
      }
      case 'handoff': {
        const decision = decideAfterChecks(state, turn.now, turn.deps.policy);
        if (decision.escalate) {
          escalate(turn, decision.reason, () => say(turn, step.text));
          return;
        }
        current = step.otherwise;
        break;
      }
      case 'end':
        say(turn, step.text);
        state.status = step.status;
        turn.outcome = step.status;
        if (step.status === 'resolved') state.resolvedAt = turn.now;
        if (state.followupId) {
          turn.outputs.push({ kind: 'cancel_schedule', followupId: state.followupId });
          delete state.followupId;
        }
        return;
    }
  }
}

/** Records the answer to the waiting step and walks on from it. */
export function answerStep(turn: Turn, step: AskStep, value: SlotValue, text: string): void {
  const state = turn.state;
  state.slots[step.slot] = value;
  state.answers = state.answers.filter((a) => a.stepId !== step.id);
  state.answers.push({ stepId: step.id, value, text, at: turn.now });
  state.attempts = 0;
  if (state.status === 'waiting_followup') state.status = 'active';
  if (state.followupId) {
    turn.outputs.push({ kind: 'cancel_schedule', followupId: state.followupId });
    delete state.followupId;
  }
  turn.understood = true;
  enterStep(turn, resolveNext(turn, step, step.next, true));
}

/** Walks on from a step that a fact given just now settles (`answered_by`), saying the branch's connecting line. */
export function settleStep(turn: Turn, step: AskStep, text: string): void {
  const value = knownAnswer(turn.state.slots, step);
  if (value !== undefined) {
    turn.state.answers = turn.state.answers.filter((a) => a.stepId !== step.id);
    turn.state.answers.push({ stepId: step.id, value, text, at: turn.now });
  }
  turn.state.attempts = 0;
  turn.understood = true;
  enterStep(turn, resolveNext(turn, step, step.next, true));
}

/** Re-asks the waiting step after an unclear answer: other words first, then choices with a way forward. */
export function reask(turn: Turn, step: AskStep): void {
  turn.state.attempts += 1;
  if (turn.state.attempts === 1) {
    askStep(turn, step, step.rephrase);
    return;
  }
  sayMessage(turn, 'choose_prompt');
  askStep(turn, step, step.question, true);
}
