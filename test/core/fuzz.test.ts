import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runTurn } from '../../src/core/run-turn.js';
import { initialState } from '../../src/core/state.js';
import type { ConversationState, TurnInput } from '../../src/core/types.js';
import { T0, testDeps } from '../conversations/harness.js';

const PHRASES = [
  '421 4.7.0 greylisted',
  'gmail says 421 4.4.5 too many connections',
  'actually it says 550',
  'since yesterday',
  '10 minutes',
  'yes',
  'no',
  'not sure',
  'go back',
  'start over',
  'cancel',
  'human please',
  'is my domain blocked?',
  'deferred',
  'only gmail',
  'thanks',
  '',
  '🙂',
];

type Step =
  | { kind: 'phrase'; index: number }
  | { kind: 'text'; text: string }
  | { kind: 'click'; index: number }
  | { kind: 'followup' }
  | { kind: 'wait'; minutes: number }
  | { kind: 'agent'; which: 0 | 1 | 2 };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('phrase' as const), index: fc.nat(PHRASES.length - 1) }),
  fc.record({ kind: fc.constant('text' as const), text: fc.string({ maxLength: 80 }) }),
  fc.record({ kind: fc.constant('click' as const), index: fc.nat(7) }),
  fc.constant({ kind: 'followup' as const }),
  fc.record({ kind: fc.constant('wait' as const), minutes: fc.nat(600) }),
  fc.record({ kind: fc.constant('agent' as const), which: fc.constantFrom(0 as const, 1 as const, 2 as const) }),
);

function inputFor(s: Step, state: ConversationState, lastChoices: { id: string; label: string }[]): TurnInput | undefined {
  switch (s.kind) {
    case 'phrase':
      return { kind: 'message', text: PHRASES[s.index] ?? '' };
    case 'text':
      return { kind: 'message', text: s.text };
    case 'click': {
      const choice = lastChoices[s.index % Math.max(lastChoices.length, 1)];
      return choice ? { kind: 'message', text: choice.label, choice: choice.id } : undefined;
    }
    case 'followup':
      return { kind: 'followup', followupId: state.followupId ?? 'none' };
    case 'wait':
      return undefined;
    case 'agent':
      return (
        [
          { kind: 'agent_takeover', agent: 'Sam' },
          { kind: 'agent_message', text: 'Looking into it', agent: 'Sam' },
          { kind: 'agent_handoff', known: { agent: 'Sam', stepsDone: ['confirm_error'] } },
        ] satisfies TurnInput[]
      )[s.which];
  }
}

describe('any sequence of inputs', () => {
  it('never throws, always logs once, keeps a valid position and every user message', () => {
    const clock = { now: T0 };
    const deps = testDeps(clock);
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        clock.now = T0;
        let state = initialState(deps.flows, clock.now);
        let lastChoices: { id: string; label: string }[] = [];
        for (const s of steps) {
          if (s.kind === 'wait') clock.now += s.minutes * 60_000;
          const input = inputFor(s, state, lastChoices);
          if (!input) continue;
          const users = state.transcript.filter((t) => t.from === 'user').length;
          const result = runTurn(state, input, deps);
          expect(result.outputs.filter((o) => o.kind === 'log')).toHaveLength(1);
          // No check is active before a problem is recognised: then there is no step to number.
          if (result.state.stepId === '') expect(result.position).not.toHaveProperty('stepNumber');
          else expect(result.position.stepNumber).toBeGreaterThanOrEqual(1);
          if (result.state.stepId !== '') expect(result.position.stepNumber).toBeLessThanOrEqual(6);
          expect(result.state.transcript.filter((t) => t.from === 'user')).toHaveLength(users + (input.kind === 'message' ? 1 : 0));
          const asked = result.outputs.find((o) => o.kind === 'ask');
          if (asked?.kind === 'ask') lastChoices = asked.choices;
          state = result.state;
        }
      }),
      { numRuns: 150, seed: 421 },
    );
  });
});
