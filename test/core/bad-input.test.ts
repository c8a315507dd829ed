import { describe, expect, it } from 'vitest';
import { runTurn } from '../../src/core/run-turn.js';
import { initialState } from '../../src/core/state.js';
import type { ConversationState, TurnDeps } from '../../src/core/types.js';
import { botText, T0, testDeps } from '../conversations/harness.js';

function binaryGarbage(length: number): string {
  let seed = 7;
  let out = '';
  for (let i = 0; i < length; i += 1) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    out += String.fromCharCode(seed % 256);
  }
  return out;
}

const BAD_INPUTS: [string, string, string][] = [
  ['empty text', '', "didn't receive any text"],
  ['only spaces and newlines', '  \n\t ', "didn't receive any text"],
  ['100 KB of text', 'a'.repeat(100 * 1024), 'too long'],
  ['a 100 KB paste that contains a code', `421 4.7.0 try later\n${'x'.repeat(100 * 1024)}`, 'too long'],
  ['emoji only', '🙂🙂🔥', "couldn't read that"],
  ['binary garbage', binaryGarbage(2000), ''],
  ['Chinese', '我的邮件发不出去', 'english'],
  ['Russian', 'Моя почта не отправляется', 'english'],
  ['Spanish', 'hola, mis correos no llegan', ''],
  ['control characters', '\u0000\u0001\u0002', "couldn't read that"],
];

function freshAndMidFlow(deps: TurnDeps, clock: { now: number }): [string, ConversationState][] {
  const fresh = initialState(deps.flows, clock.now);
  const mid = runTurn(fresh, { kind: 'message', text: '421 4.4.5 too many connections' }, deps).state;
  return [
    ['before the first problem', fresh],
    ['in the middle of the flow', mid],
  ];
}

describe('bad input gets a clear reply, never a crash', () => {
  const clock = { now: T0 };
  const deps = testDeps(clock);
  for (const [where, state] of freshAndMidFlow(deps, clock)) {
    for (const [name, text, expected] of BAD_INPUTS) {
      it(`${name}, ${where}`, () => {
        const result = runTurn(state, { kind: 'message', text }, deps);
        const said = botText(result.outputs);
        expect(said.length).toBeGreaterThan(0);
        // Inputs the matcher cannot place still get a reply that says what the bot helps with, or its question.
        if (expected) expect(said.toLowerCase()).toContain(expected);
        else if (state.stepId === '') expect(said.toLowerCase()).toMatch(/delayed|bounce|error|english/);
        else expect(result.outputs.some((o) => o.kind === 'ask' && o.stepId === state.stepId)).toBe(true);
        expect(result.position.stepCount).toBe(6);
        expect(result.state.transcript.filter((t) => t.from === 'user')).toHaveLength(state.transcript.filter((t) => t.from === 'user').length + 1);
        expect(result.outputs.filter((o) => o.kind === 'log')).toHaveLength(1);
        expect(JSON.stringify(result.state).length).toBeLessThan(80 * 1024);
      });
    }
  }

  it('mid-flow, a bad input keeps the step and asks its question again', () => {
    const [, mid] = freshAndMidFlow(deps, clock)[1] as [string, ConversationState];
    const result = runTurn(mid, { kind: 'message', text: '' }, deps);
    expect(result.position.stepId).toBe('wait_and_retry');
    expect(result.outputs.some((o) => o.kind === 'ask' && o.stepId === 'wait_and_retry')).toBe(true);
  });

  it('a message that is not a string is treated as empty', () => {
    const result = runTurn(initialState(deps.flows, clock.now), { kind: 'message', text: 42 as unknown as string }, deps);
    expect(botText(result.outputs).toLowerCase()).toContain("didn't receive any text");
  });
});
