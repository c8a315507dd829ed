/**
 * Plays labelled typed answers (`test/nlu/answers.jsonl`: step, text, expected) through the real engine: the
 * conversation is put at the step, the text is sent, and what the step recorded is compared with the label.
 * Shared by `npm run eval:answers` and its test.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runTurn } from '../src/core/run-turn.js';
import { initialState } from '../src/core/state.js';
import type { ConversationState, SlotValue, TurnDeps } from '../src/core/types.js';

export const ANSWERS_SET = fileURLToPath(new URL('../test/nlu/answers.jsonl', import.meta.url));
/** Per-step accuracy the issue asks for on text the readers were not tuned on. */
export const TARGET = 0.95;

/** Written after the readers were tuned, by someone who saw neither them nor the tuning lines. */
export const BLIND_SET = fileURLToPath(new URL('../test/nlu/answers-blind.jsonl', import.meta.url));

/** One labelled answer. `expected` is a step value, a duration bucket, or `none` (the text answers nothing here). */
export interface AnswerCase {
  step: string;
  text: string;
  expected: string;
}

/** Every third line, by a hash of its text, is held out: the cue lists are tuned on the rest. */
export function isHeldOut(text: string): boolean {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) % 3 === 0;
}

/** Reads the labelled file; throws naming the line that is wrong. */
export function readAnswerCases(path = ANSWERS_SET): AnswerCase[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, i }) => {
      const row = JSON.parse(line) as Partial<AnswerCase>;
      if (typeof row.step !== 'string' || typeof row.text !== 'string' || typeof row.expected !== 'string') {
        throw new Error(`${path}: line ${i + 1} needs "step", "text" and "expected" strings`);
      }
      return { step: row.step, text: row.text, expected: row.expected };
    });
}

/** Elapsed-time buckets of the waiting question, in minutes; a value on a boundary counts for both sides. */
const BUCKETS: Record<string, [number, number]> = {
  under_15m: [0, 15],
  '15_60m': [15, 60],
  '1_4h': [60, 240],
  '4_24h': [240, 1440],
  day_plus: [1440, Infinity],
};

/** A conversation waiting at `step`; past the first check, a 421 is already confirmed. */
function stateAt(deps: TurnDeps, step: string): ConversationState {
  const state = initialState(deps.flows, deps.now());
  const slots: Record<string, SlotValue> = step === 'confirm_error' ? {} : { code_class: 'temporary', reply_code: '421' };
  return { ...state, stepId: step, status: 'active', trail: [step], slots, transcript: [{ from: 'bot', text: '(question)', at: deps.now() }] };
}

/** What the step recorded for the text, in the label's terms; `none` when it recorded nothing. */
export function readCase(deps: TurnDeps, c: AnswerCase): string {
  const result = runTurn(stateAt(deps, c.step), { kind: 'message', text: c.text }, deps);
  const answer = result.state.answers.find((a) => a.stepId === c.step);
  if (!answer) return 'none';
  const { value } = answer;
  if (c.step === 'wait_and_retry') {
    const retried = result.state.slots.retry_result;
    if (typeof value === 'number') return bucketMatching(value, c.expected);
    return retried === 'delivered' ? 'retried_delivered' : retried === 'still_failing' ? 'retried_failing' : String(value);
  }
  return String(value);
}

/** The bucket a number of minutes falls in, preferring the expected one when the number is on its boundary. */
function bucketMatching(minutes: number, expected: string): string {
  const range = BUCKETS[expected];
  if (range && minutes >= range[0] && minutes <= range[1]) return expected;
  return Object.entries(BUCKETS).find(([, [low, high]]) => minutes >= low && minutes < high)?.[0] ?? 'none';
}

/** Per step: how many were read right, out of how many, and the misses. */
export interface StepScore {
  step: string;
  right: number;
  total: number;
  misses: { text: string; expected: string; got: string }[];
}

/** Scores the cases step by step, in the order the steps first appear. */
export function scoreCases(deps: TurnDeps, cases: AnswerCase[]): StepScore[] {
  const scores = new Map<string, StepScore>();
  for (const c of cases) {
    const score = scores.get(c.step) ?? { step: c.step, right: 0, total: 0, misses: [] };
    scores.set(c.step, score);
    const got = readCase(deps, c);
    score.total += 1;
    if (got === c.expected) score.right += 1;
    else score.misses.push({ text: c.text, expected: c.expected, got });
  }
  return [...scores.values()];
}
