import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/nlu/evaluate.js';
import { loadNlu } from '../../src/nlu/model.js';
import { TOPICS } from '../../src/nlu/types.js';
import { DEV_SET, predictTopics, readLabelled } from '../../scripts/eval-intents.js';
import { trainedModel } from './fixture.js';

describe('evaluate', () => {
  it('computes precision, recall, F1 and the confusion matrix', () => {
    const e = evaluate(['a', 'b'] as const, [
      { text: '1', expected: 'a', predicted: 'a' },
      { text: '2', expected: 'a', predicted: 'b' },
      { text: '3', expected: 'b', predicted: 'b' },
      { text: '4', expected: 'b', predicted: 'b' },
    ]);
    expect(e.confusion).toEqual([[1, 1], [0, 2]]);
    expect(e.perLabel[0]).toMatchObject({ label: 'a', precision: 1, recall: 0.5, support: 2 });
    expect(e.perLabel[1]?.precision).toBeCloseTo(2 / 3);
    expect(e.perLabel[1]?.f1).toBeCloseTo(0.8);
    expect(e.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2);
    expect(e.accuracy).toBe(0.75);
    expect(e.misses.map((m) => m.text)).toEqual(['2']);
  });

  it('rejects a label outside the list', () => {
    expect(() => evaluate(['a'] as const, [{ text: 'x', expected: 'a', predicted: 'z' as 'a' }])).toThrow(/not in the label list/);
  });
});

describe('topic target on real messages', () => {
  it('reaches macro-F1 0.95 on the dev set', () => {
    const e = evaluate(TOPICS, predictTopics(loadNlu(trainedModel()), readLabelled(DEV_SET)));
    expect(e.perLabel.every((m) => m.support > 0)).toBe(true);
    expect(e.macroF1).toBeGreaterThanOrEqual(0.95);
  });
});
