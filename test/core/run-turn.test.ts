import { describe, expect, it } from 'vitest';
import { StepBudgetError } from '../../src/core/errors.js';
import { STEP_BUDGET } from '../../src/core/interpreter.js';
import { runTurn } from '../../src/core/run-turn.js';
import { initialState, positionOf } from '../../src/core/state.js';
import type { TurnDeps } from '../../src/core/types.js';
import { loadFlowSet } from '../../src/flows/load.js';
import { readFlowDir } from '../../scripts/read-flows.js';
import { T0, testDeps } from '../conversations/harness.js';

const clock = { now: T0 };
const deps = testDeps(clock);

describe('runTurn', () => {
  it('leaves the given state untouched and returns plain JSON', () => {
    const before = initialState(deps.flows, T0);
    const frozen = structuredClone(before);
    const result = runTurn(before, { kind: 'message', text: 'gmail says 421 4.7.0' }, deps);
    expect(before).toEqual(frozen);
    expect(JSON.parse(JSON.stringify(result.state))).toEqual(result.state);
  });

  it('records every user message and every bot text in the transcript', () => {
    const result = runTurn(initialState(deps.flows, T0), { kind: 'message', text: '421 4.4.5 too many connections' }, deps);
    const texts = result.outputs.flatMap((o) => (o.kind === 'say' || o.kind === 'ask' ? [o.text] : []));
    expect(result.state.transcript).toEqual([
      { from: 'user', text: '421 4.4.5 too many connections', at: T0 },
      ...texts.map((text) => ({ from: 'bot', text, at: T0 })),
    ]);
  });

  it('reports the position and logs one event per turn', () => {
    const result = runTurn(initialState(deps.flows, T0), { kind: 'message', text: '421 4.4.5 too many connections' }, deps);
    expect(result.position).toEqual({ flowId: 'smtp_421', stepId: 'wait_and_retry', stepNumber: 2, stepCount: 6, stepTitle: 'Wait and retry', status: 'active' });
    expect(result.position).toEqual(positionOf(result.state, deps.flows));
    const logs = result.outputs.filter((o) => o.kind === 'log');
    expect(logs).toEqual([
      { kind: 'log', event: expect.objectContaining({ at: T0, flowId: 'smtp_421', stepId: 'wait_and_retry', status: 'active', replyCode: '421', variation: 'connection', intent: result.classification?.intent }) },
    ]);
  });

  it('a fresh conversation is idle with no check active; start greets with choices and opens no check', () => {
    const fresh = initialState(deps.flows, T0);
    expect(positionOf(fresh, deps.flows)).toEqual({ flowId: 'smtp_421', stepCount: 6, status: 'idle' });
    const started = runTurn(fresh, { kind: 'start' }, deps);
    expect(started.outputs.map((o) => o.kind)).toEqual(['ask', 'log']);
    expect(started.position).toEqual({ flowId: 'smtp_421', stepCount: 6, status: 'idle' });
    expect(runTurn(started.state, { kind: 'start' }, deps).outputs.map((o) => o.kind)).toEqual(['log']);
  });

  it('says whether the flow understood the message, and logs it with the event', () => {
    const atVolume = runTurn(initialState(deps.flows, T0), { kind: 'message', text: '421 4.4.5 too many connections for 2 hours' }, deps);
    expect(atVolume.position.stepId).toBe('sending_volume');
    const batch = runTurn(atVolume.state, { kind: 'message', text: 'batch' }, deps);
    expect(batch.position.stepId).not.toBe('sending_volume');
    expect(batch.understood).toBe(true);
    expect(batch.outputs.find((o) => o.kind === 'log')).toMatchObject({ event: { understood: true } });
    const unclear = runTurn(atVolume.state, { kind: 'message', text: 'purple monkey dishwasher' }, deps);
    expect(unclear.understood).toBe(false);
    expect(unclear.outputs.find((o) => o.kind === 'log')).toMatchObject({ event: { understood: false } });
    const started = runTurn(initialState(deps.flows, T0), { kind: 'start' }, deps);
    expect(started.understood).toBe(false);
    expect(started.outputs.find((o) => o.kind === 'log')).not.toHaveProperty('event.understood');
  });

  it('ignores a follow-up that is not the one scheduled', () => {
    const waiting = runTurn(runTurn(initialState(deps.flows, T0), { kind: 'message', text: '421 4.3.2 busy' }, deps).state, { kind: 'message', text: '5 minutes' }, deps);
    expect(waiting.position.status).toBe('waiting_followup');
    const stale = runTurn(waiting.state, { kind: 'followup', followupId: 'someone-else' }, deps);
    expect(stale.outputs.map((o) => o.kind)).toEqual(['log']);
    expect(stale.position.status).toBe('waiting_followup');
  });

  it('a stored conversation at a step that no longer exists fails with a typed error naming it', () => {
    const stale = { ...initialState(deps.flows, T0), stepId: 'renamed_step', status: 'active' as const };
    expect(() => runTurn(stale, { kind: 'message', text: 'hello' }, deps)).toThrow(expect.objectContaining({ code: 'unknown_step', message: expect.stringContaining('renamed_step') }));
  });

  it('throws a typed error when a flow loops without asking, and the state stays as it was', () => {
    const raw = structuredClone(readFlowDir().find((f) => f.file.endsWith('smtp-421.yaml'))?.raw) as { steps: Record<string, unknown>[] };
    for (const step of raw.steps) if (step.id === 'where_to_find_error') step.next = 'loop_back';
    raw.steps.push({ id: 'loop_back', kind: 'say', text: 'Again.', next: 'where_to_find_error' });
    const looping: TurnDeps = { ...deps, flows: loadFlowSet([raw]) };
    const state = runTurn(initialState(looping.flows, T0), { kind: 'message', text: 'my mail is stuck' }, looping).state;
    const copy = structuredClone(state);
    expect(() => runTurn(state, { kind: 'message', text: '', choice: 'no_error' }, looping)).toThrow(StepBudgetError);
    expect(() => runTurn(state, { kind: 'message', text: '', choice: 'no_error' }, looping)).toThrow(new RegExp(`ran ${STEP_BUDGET} steps`));
    expect(state).toEqual(copy);
  });
});
