import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressFinder, replaceFound } from '../../src/nlu/addresses.js';

/** The two address regexes the matcher used before the finder; it must find exactly what they find. */
const REGEXES: [string, string][] = [
  ['([a-z0-9-]+(?:\\.[a-z0-9-]+)+)', 'i'],
  ['[\\w-]+(?:\\.[\\w-]+)+', ''],
];

const texts = fc.array(fc.constantFrom('a', 'B', '7', '_', '.', '+', '-', '@', ' ', '<', '>', 'é', '\n', 'x.io'), { maxLength: 40 }).map((parts) => parts.join(''));

describe('addressFinder', () => {
  it.each(REGEXES)('finds what the global regex finds, in order, for domain %s', (domain, flags) => {
    const regex = new RegExp(`[\\w.+-]+@${domain}`, `g${flags}`);
    const find = addressFinder(domain, flags);
    fc.assert(
      fc.property(texts, (text) => {
        const found = find(text);
        expect(found.map((m) => [m.index, ...m])).toEqual([...text.matchAll(regex)].map((m) => [m.index, ...m]));
        expect(replaceFound(text, found, ' x ')).toBe(text.replace(regex, ' x '));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads addresses out of a pasted bounce line', () => {
    const find = addressFinder(REGEXES[0]![0], 'i');
    const line = 'to=<jane.doe+news@Example.co.uk>, orig_to=<a@b>, relay=mx.example.co.uk, from=<x_y@mail-1.example.org>';
    expect(find(line).map((m) => m[0])).toEqual(['jane.doe+news@Example.co.uk', 'x_y@mail-1.example.org']);
  });
});
