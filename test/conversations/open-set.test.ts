import { describe, expect, it } from 'vitest';
import { readOosCorpus } from '../../scripts/oos-corpus.js';
import { runTurn } from '../../src/core/run-turn.js';
import { initialState } from '../../src/core/state.js';
import { botText, testDeps, T0 } from './harness.js';

describe('unrelated first messages, as a customer would send them after the welcome', () => {
  const deps = testDeps({ now: T0 });
  const welcomed = runTurn(initialState(deps.flows, T0), { kind: 'start' }, deps).state;
  const pointer = 'only help with email that is delayed';
  const replies = readOosCorpus().heldOut.map((text) => {
    const result = runTurn(welcomed, { kind: 'message', text }, deps);
    return { text, said: botText(result.outputs).toLowerCase(), state: result.state };
  });

  it('never start the walk-through (held-out public texts, never trained on)', () => {
    expect(replies.length).toBeGreaterThan(200);
    expect(replies.filter((r) => r.state.stepId !== '').map((r) => r.text)).toEqual([]);
    expect(replies.filter((r) => r.state.status !== 'idle').map((r) => r.text)).toEqual([]);
  });

  it('get the pointer to support, with at most 2% answered otherwise (never with mail advice)', () => {
    const other = replies.filter((r) => !r.said.includes(pointer));
    expect(other.length / replies.length, other.map((r) => `${r.text} -> ${r.said}`).join('\n')).toBeLessThanOrEqual(0.02);
    expect(replies.filter((r) => /queue|retr(?:y|ies)|batches|deferral/.test(r.said)).map((r) => r.text)).toEqual([]);
  });
});
