import { describe, expect, it } from 'vitest';
import { copyJson } from '../../src/core/copy.js';

describe('copyJson', () => {
  it('copies plain JSON as structuredClone does, sharing nothing with the original', () => {
    const state = { version: 1, slots: { reply_code: '421', minutes: 30, technical: true }, answers: [{ stepId: 'a', value: 'b', at: 1 }], said: [], gone: undefined, none: null };
    const copy = copyJson(state);
    expect(copy).toStrictEqual(structuredClone(state));
    expect(Object.keys(copy)).toEqual(Object.keys(state));
    copy.slots.reply_code = '550';
    copy.answers[0]!.value = 'c';
    expect(state.slots.reply_code).toBe('421');
    expect(state.answers[0]!.value).toBe('b');
  });

  it('keeps a "__proto__" key as a key', () => {
    const odd = JSON.parse('{"slots":{"__proto__":{"x":1}}}') as { slots: Record<string, unknown> };
    const copy = copyJson(odd);
    expect(Object.getPrototypeOf(copy.slots)).toBe(Object.prototype);
    expect(copy.slots).toStrictEqual(structuredClone(odd.slots));
  });
});
