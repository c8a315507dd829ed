import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyOf } from '../../src/nlu/alternation.js';
import { compileEntityExtractor } from '../../src/nlu/entities.js';
import { compileSpelling } from '../../src/nlu/spelling.js';
import { trainedModel } from './fixture.js';

const patterns = trainedModel().entities;
const extractor = compileEntityExtractor(patterns);
const mailWords = anyOf([...patterns.mailCues, ...patterns.mailOnlyCues, ...patterns.mailVocabulary]);
const mendTypos = compileSpelling(patterns.spellingTargets, () => false);

/** The gate as it was written before the mended copy was skipped when it equals the text. */
function mentionsMail(text: string): boolean {
  const { codes, entities } = extractor.extract(text);
  const hasCode = codes.replyCodes.length > 0 || codes.enhanced.length > 0 || codes.classes.length > 0;
  return hasCode || entities.emails.length > 0 || entities.provider !== undefined || entities.mta !== undefined || mailWords.test(text) || mailWords.test(mendTypos(text));
}

const texts = ['answers.jsonl', 'holdout.jsonl', 'blind.jsonl', 'blind2.jsonl'].flatMap((file) =>
  readFileSync(new URL(file, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { text: string }).text),
);

describe('the mail-word gate', () => {
  it('decides as reading the text and its mended copy both would', () => {
    for (const text of texts) expect(extractor.extract(text).mentionsMail, text).toBe(mentionsMail(text));
  });

  it('finds a mail word that only the mended copy shows ("emial", "deleyed")', () => {
    const words = [...patterns.spellingTargets, 'emial', 'deleyed', 'bouncd', 'mesages', 'the', 'card', 'payment', ' ', ', '];
    const typo = (word: string, at: number) => (word.length < 5 ? word : word.slice(0, 1 + (at % (word.length - 1))) + word.slice(2 + (at % (word.length - 1))));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...words), fc.nat()), { maxLength: 6 }), (parts) => {
        const text = parts.map(([word, at]) => typo(word, at)).join(' ');
        expect(extractor.extract(text).mentionsMail).toBe(mentionsMail(text));
      }),
      { numRuns: 2000 },
    );
    expect(extractor.extract('my emial is stuck').mentionsMail).toBe(true);
  });
});
