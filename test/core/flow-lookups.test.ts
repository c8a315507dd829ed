import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readError } from '../../src/core/read-error.js';
import { initialState } from '../../src/core/state.js';
import { fill, openTurn, stepById } from '../../src/core/turn.js';
import { UnknownStepError } from '../../src/core/errors.js';
import { T0, testDeps } from '../conversations/harness.js';

const deps = testDeps({ now: T0 });
const turn = () => openTurn(initialState(deps.flows, T0), deps);

describe('lookups worked out once per flow', () => {
  it('stepById finds what a search of the steps finds, the first of a repeated id, and throws for an unknown one', () => {
    const t = turn();
    for (const step of t.flow.steps) expect(stepById(t, step.id)).toBe(t.flow.steps.find((s) => s.id === step.id));
    const twice = { ...t, flow: { ...t.flow, steps: [...t.flow.steps, { ...t.flow.steps[0]!, title: 'second' }] } };
    expect(stepById(twice, t.flow.steps[0]!.id)).toBe(t.flow.steps[0]);
    expect(() => stepById(t, 'no_such_step')).toThrow(UnknownStepError);
  });

  it('fill gives what the placeholder replace gives, with or without braces', () => {
    const t = turn();
    t.state.slots.reply_code = '421';
    const replaceAll = (text: string) =>
      text.replace(/\{([^{}]+)\}/g, (whole, name: string) =>
        name.startsWith('links.') ? (t.deps.links[name.slice(6)] ?? whole) : name.startsWith('slots.') ? String(t.state.slots[name.slice(6)] ?? 'not known') : whole,
      );
    const pieces = ['{', '}', '{slots.reply_code}', '{links.contact}', '{slots.none}', '{other}', 'text', ' ', '{{x}}'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 8 }), (parts) => {
        const text = parts.join('');
        expect(fill(t, text)).toBe(replaceAll(text));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('readError reading the same text again', () => {
  it('answers as the first reading did, also after other texts', () => {
    const texts = ['mail to bob@example.org bounced: 421 4.7.0 try later', 'yes it worked', 'about 20 minutes', 'it says 550 5.1.1'];
    const none = { emails: [], domains: [] };
    const first = texts.map((text) => [readError(text, none, true), readError(text, none, false)]);
    for (const order of [texts, [...texts].reverse(), [...texts, ...texts]]) {
      for (const text of order) expect([readError(text, none, true), readError(text, none, false)]).toEqual(first[texts.indexOf(text)]);
    }
  });
});
