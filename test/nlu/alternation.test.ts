import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyOf } from '../../src/nlu/alternation.js';
import { trainedModel } from './fixture.js';

/** The alternation as it was written before the shared word-edge test. */
const plain = (patterns: string[], flags: string) => new RegExp(patterns.map((p) => `(?:${p})`).join('|'), flags);

const texts = ['answers.jsonl', 'holdout.jsonl', 'blind.jsonl'].flatMap((file) =>
  readFileSync(new URL(file, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { text: string }).text),
);

function cueLists(): [string, string[]][] {
  const { entities, answers } = trainedModel();
  const lists: [string, string[]][] = Object.entries(entities).filter((e): e is [string, string[]] => Array.isArray(e[1]));
  for (const [name, cues] of Object.entries(answers.slots)) {
    lists.push([`${name}.subject`, cues.subject], ...Object.entries(cues.values).map(([value, p]): [string, string[]] => [`${name}.${value}`, p]));
  }
  return [...lists, ['clarify', answers.clarify], ['vague', answers.vague], ['asking', answers.howto.asking]];
}

describe('anyOf', () => {
  it('splits only top-level alternatives and shares the edge of a run of \\b cues', () => {
    expect(anyOf(['\\bbulk\\b', '\\bmass (?:mail|send)', '[|]x', '\\bnews|letters?']).source).toBe(
      '\\b(?:(?:bulk\\b)|(?:mass (?:mail|send)))|(?:[|]x)|\\b(?:(?:news))|(?:letters?)',
    );
  });

  it.each(cueLists())('matches what the plain alternation of %s matches, at the same places', (_, patterns) => {
    const shared = anyOf(patterns, 'gi');
    const written = plain(patterns, 'gi');
    for (const text of texts) expect([...text.matchAll(shared)].map((m) => [m.index, m[0]])).toEqual([...text.matchAll(written)].map((m) => [m.index, m[0]]));
  });
});

describe('one alternation of several cue lists', () => {
  // The answer reader asks one regex of every slot's subject cues before asking each slot's.
  const subjects = Object.values(trainedModel().answers.slots).map((cues) => cues.subject).filter((list) => list.length > 0);
  const each = subjects.map((list) => anyOf(list));
  const all = anyOf(subjects.flat());
  const fragments = [...subjects.flat().map((p) => p.replace(/\\b|[()?:|^$\\]/g, '').slice(0, 12)), ' ', ', ', 'the ', 'not ', 'test', 'mail'];

  it('matches a text exactly when one of the lists does', () => {
    const matchesOne = (text: string) => each.some((re) => re.test(text));
    for (const text of texts) expect(all.test(text), text).toBe(matchesOne(text));
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 6 }), (parts) => {
        const text = parts.join('');
        expect(all.test(text)).toBe(matchesOne(text));
      }),
      { numRuns: 2000 },
    );
  });
});
