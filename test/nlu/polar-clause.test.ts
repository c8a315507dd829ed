import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { polarClause } from '../../src/nlu/model.js';
import { normalizeShort } from '../../src/nlu/tokenize.js';
import type { Intent } from '../../src/nlu/types.js';
import { trainedModel } from './fixture.js';

const exact = new Map<string, Intent>(Object.entries(trainedModel().exact));

/** The first clause normalised on its own, as it was read before classify's normalised opening was reused. */
function alone(text: string): Intent | undefined {
  const intent = exact.get(normalizeShort(text.split(/[,.;!?:()\n–—]| - /, 1)[0] ?? ''));
  return intent === 'yes' || intent === 'no' || intent === 'not_sure' ? intent : undefined;
}

describe('polarClause', () => {
  const pieces = [...exact.keys(), 'Nah', 'NOPE!!', 'not really', 'same as before', ',', '.', ' - ', ' -', '?', '!', '\n', '–', ' ', "don't", 'Ünïcode', '😀'];

  it('reads the first clause as normalising it alone would, whatever prefix was normalised already', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 8 }), fc.nat(80), (parts, cut) => {
        const text = parts.join('');
        const opening = text.slice(0, cut);
        expect(polarClause(text, exact, opening, normalizeShort(opening))).toBe(alone(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads "nah" and "nope, same as before" as no', () => {
    expect(polarClause('nah', exact, 'nah', 'nah')).toBe('no');
    expect(polarClause('nope, same as before', exact, 'nope, same as before', normalizeShort('nope, same as before'))).toBe('no');
  });
});
