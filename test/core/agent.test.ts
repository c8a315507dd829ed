/** Agents acting on a case as the engine sees it: take, write, hand back at a check, close; what the desk and analytics get. */
import { describe, expect, it } from 'vitest';
import { runTurn } from '../../src/core/run-turn.js';
import { initialState } from '../../src/core/state.js';
import type { ConversationState, Output, TurnInput } from '../../src/core/types.js';
import { T0, testDeps } from '../conversations/harness.js';

const clock = { now: T0 };
const deps = testDeps(clock);
const MINUTE = 60_000;

/** Plays inputs from a fresh conversation; returns the last result and every output. */
function play(inputs: (TurnInput | string)[], from: ConversationState = initialState(deps.flows, T0)) {
  let state = from;
  let result = runTurn(state, { kind: 'start' }, deps);
  const outputs: Output[] = [];
  for (const input of inputs) {
    result = runTurn(state, typeof input === 'string' ? { kind: 'message', text: input } : input, deps);
    outputs.push(...result.outputs);
    state = result.state;
  }
  return { result, state, outputs };
}

const said = (outputs: Output[]) => outputs.flatMap((o) => (o.kind === 'say' || o.kind === 'ask' ? [o.text] : [])).join('\n');
const ESCALATE = ['421 4.4.5 too many connections', 'talk to a human', 'a real person please'];

describe('agents in the engine', () => {
  it('queues the open case for the desk, announces a take once, and times the take and the first reply', () => {
    const escalated = play(ESCALATE).state;
    expect(escalated.status).toBe('escalated');
    clock.now = T0 + 4 * MINUTE;
    const taken = play([{ kind: 'agent_takeover', agent: 'Ana', announce: true }], escalated);
    expect(said(taken.outputs)).toContain('support team is handling');
    expect(taken.result.outputs.find((o) => o.kind === 'log')).toMatchObject({ event: { agent: { type: 'taken', by: 'Ana', waitedMs: 4 * MINUTE } } });
    expect(taken.result.outputs.find((o) => o.kind === 'desk')).toMatchObject({ action: { type: 'taken', by: 'Ana' }, lines: [{ from: 'bot' }] });

    const again = play([{ kind: 'agent_takeover', agent: 'Ana', announce: true }], taken.state);
    expect(said(again.outputs)).toBe('');
    expect(again.state.transcript).toEqual(taken.state.transcript);

    const user = play(['hello?'], taken.state);
    expect(said(user.outputs)).toBe('');
    expect(user.result.outputs.find((o) => o.kind === 'desk')).toEqual({ kind: 'desk', lines: [{ from: 'user', text: 'hello?', at: clock.now }] });

    clock.now = T0 + 6 * MINUTE;
    const wrote = play([{ kind: 'agent_message', text: 'Hi, Ana here.', agent: 'Ana' }, { kind: 'agent_message', text: 'Checking.', agent: 'Ana' }], user.state);
    expect(said(wrote.outputs)).toBe('Ana: Hi, Ana here.\nAna: Checking.');
    const replies = wrote.outputs.flatMap((o) => (o.kind === 'log' && o.event.agent ? [o.event.agent] : []));
    expect(replies).toEqual([{ type: 'replied', by: 'Ana', firstReply: true, waitedMs: 6 * MINUTE }, { type: 'replied', by: 'Ana' }]);
    // The agent's words are already where the agent wrote them: nothing for the desk.
    expect(wrote.outputs.some((o) => o.kind === 'desk')).toBe(false);
  });

  it('hands back at check 5: the checks before count as done, check 5 and after are asked afresh, known facts stay', () => {
    const walked = play(['421 4.4.5 too many connections', 'about 3 hours, retried already', 'no, normal mail', 'just gmail.com', 'it failed too', 'talk to a human', 'a real person please']);
    const taken = play([{ kind: 'agent_takeover', agent: 'Ana' }], walked.state).state;
    const back = play([{ kind: 'agent_handoff', known: { agent: 'Ana', resumeAt: 'test_email' } }], taken);
    expect(back.state).toMatchObject({ handler: 'bot', status: 'active', stepId: 'test_email' });
    expect(back.state.slots.test_result).toBeUndefined();
    expect(back.state.slots.recipient_domain).toBe('gmail.com');
    expect(said(back.outputs)).toMatch(/Ana has filled me in[\s\S]*simple test/);
    expect(back.result.outputs.find((o) => o.kind === 'log')).toMatchObject({ event: { agent: { type: 'handed_back', by: 'Ana', check: 5 } } });
  });

  it('closes a case as resolved and tells the user the bot is there for a new problem', () => {
    const taken = play([...ESCALATE, { kind: 'agent_takeover', agent: 'Ben' }]).state;
    const closed = play([{ kind: 'agent_close', agent: 'Ben' }], taken);
    expect(closed.state).toMatchObject({ status: 'resolved', handler: 'bot' });
    expect(said(closed.outputs)).toMatch(/new delayed or bounced email/);
    expect(closed.result.outputs.find((o) => o.kind === 'log')).toMatchObject({ event: { outcome: 'resolved', agent: { type: 'closed', by: 'Ben' } } });
    expect(closed.state.transcript.at(-2)).toMatchObject({ from: 'system', text: 'Ben closed the case as resolved' });
  });
});
