/**
 * The working context of one turn: a private copy of the state, the outputs gathered so far, and helpers
 * that keep the transcript in step with what the bot says.
 */
import type { Flow, MessageKey, Step } from '../flows/schema.js';
import type { Classification } from '../nlu/types.js';
import { copyJson } from './copy.js';
import { UnknownStepError } from './errors.js';
import type { AgentAction, Choice, ConversationState, EscalationReason, Output, TraceEntry, TurnDeps } from './types.js';

/** One turn in progress; discarded if the turn throws. */
export interface Turn {
  deps: TurnDeps;
  flow: Flow;
  state: ConversationState;
  outputs: Output[];
  trace: TraceEntry[];
  now: number;
  steps: number;
  /** Side notes (warnings, advanced checks) said just before the next question. */
  notes: string[];
  classification?: Classification;
  /** The flow acted on the user's message (a choice, slot or intent). */
  understood: boolean;
  outcome?: 'resolved' | 'routed' | 'escalated';
  reason?: EscalationReason;
  /** What an agent did this turn (taken, replied, handed back, closed). */
  agentAction?: AgentAction;
}

/** Starts a turn on a copy of `state`, so a turn that throws leaves the caller's state untouched. */
export function openTurn(state: ConversationState, deps: TurnDeps): Turn {
  const copy = copyJson(state);
  const flow = deps.flows.flows[copy.flowId] ?? deps.flows.flows[deps.flows.defaultFlowId];
  if (!flow) throw new UnknownStepError(copy.flowId, copy.stepId);
  copy.flowId = flow.id;
  copy.said ??= [];
  return { deps, flow, state: copy, outputs: [], trace: [], now: deps.now(), steps: 0, notes: [], understood: false };
}

/** Per loaded flow, which never changes: its steps by id (the first of an id, as a search would find), built once. */
const stepsById = new WeakMap<Flow, Map<string, Step>>();

/** The step called `id` in the turn's flow. */
export function stepById(turn: Turn, id: string): Step {
  let steps = stepsById.get(turn.flow);
  if (steps === undefined) {
    steps = new Map<string, Step>();
    for (const s of turn.flow.steps) if (!steps.has(s.id)) steps.set(s.id, s);
    stepsById.set(turn.flow, steps);
  }
  const step = steps.get(id);
  if (!step) throw new UnknownStepError(turn.flow.id, id);
  return step;
}

/** Replaces `{links.x}`, `{slots.x}` and named placeholders; unknown ones are left readable. */
export function fill(turn: Turn, text: string, extra: Record<string, string> = {}): string {
  // Most lines have no placeholder; the replace would only copy them.
  if (!text.includes('{')) return text;
  return text.replace(/\{([^{}]+)\}/g, (whole, name: string) => {
    if (name.startsWith('links.')) return turn.deps.links[name.slice(6)] ?? whole;
    if (name.startsWith('slots.')) {
      const value = turn.state.slots[name.slice(6)];
      return value === undefined ? 'not known' : String(value);
    }
    if (name === 'code_meaning') return codeMeaning(turn);
    return extra[name] ?? whole;
  });
}

function codeMeaning(turn: Turn): string {
  const code = String(turn.state.slots.reply_code ?? '');
  return turn.flow.codes[code] ?? turn.flow.codes[`${code.charAt(0)}xx`] ?? turn.flow.codes['5xx'] ?? '';
}

/** Says a text (placeholders filled) and records it in the transcript. */
export function say(turn: Turn, text: string, extra?: Record<string, string>): void {
  const filled = fill(turn, text, extra);
  turn.outputs.push({ kind: 'say', text: filled });
  turn.state.transcript.push({ from: 'bot', text: filled, at: turn.now });
}

/** Says one of the flow's named messages. */
export function sayMessage(turn: Turn, key: MessageKey, extra?: Record<string, string>): void {
  say(turn, turn.flow.messages[key], extra);
}

/** Asks a question with choices and records it in the transcript. */
export function ask(turn: Turn, stepId: string, text: string, choices: Choice[]): void {
  flushNotes(turn);
  const filled = fill(turn, text);
  turn.outputs.push({ kind: 'ask', stepId, text: filled, choices });
  turn.state.transcript.push({ from: 'bot', text: filled, at: turn.now });
}

/** Queues a side note to be said before the next question (or at the end of the turn). */
export function note(turn: Turn, text: string): void {
  turn.notes.push(text);
}

/** Says the queued side notes. */
export function flushNotes(turn: Turn): void {
  for (const text of turn.notes.splice(0)) say(turn, text);
}

/** True the first time `key` is noted in this conversation; false after that. */
export function firstTime(turn: Turn, key: string): boolean {
  const said = (turn.state.said ??= []);
  if (said.includes(key)) return false;
  said.push(key);
  return true;
}

/** Records a step visit or a branch for the coverage report. */
export function traceStep(turn: Turn, stepId: string, branch?: number | 'else'): void {
  turn.trace.push(branch === undefined ? { flowId: turn.flow.id, stepId } : { flowId: turn.flow.id, stepId, branch });
}
