import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileBayes } from '../../src/nlu/naive-bayes.js';
import { messageFeatures, messageStems } from '../../src/nlu/tokenize.js';
import { trainedModel, trainedNlu } from './fixture.js';

const texts = ['answers.jsonl', 'holdout.jsonl', 'blind.jsonl'].flatMap((file) =>
  readFileSync(new URL(file, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { text: string }).text),
);

// classify works out features and scores only when a rule asks for them; that is safe because they are pure.
describe('features and scores depend on the message alone', () => {
  it('score the same whatever was scored before, and features come out the same every time', () => {
    const model = trainedModel();
    for (const table of [model.topic, model.intent]) {
      const bayes = compileBayes<string>(table);
      const first = texts.map((text) => bayes.score(messageStems(text).all));
      const again = [...texts].reverse().map((text) => bayes.score(messageStems(text).all)).reverse();
      expect(again).toEqual(first);
    }
    expect(texts.map(messageFeatures)).toEqual(texts.map(messageFeatures));
  });

  it('classify answers the same in any order', () => {
    const nlu = trainedNlu();
    const first = texts.map((text) => nlu.classify(text));
    expect([...texts].reverse().map((text) => nlu.classify(text)).reverse()).toEqual(first);
  });
});
