import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBounce } from '../../src/bounce/index.js';
import type { BounceRecipient } from '../../src/bounce/types.js';
import { delayNotice, MIXED_DSN, POSTFIX_DEFERRED } from './samples.js';

const VARIATIONS = new Set(['resource', 'connection', 'policy', 'downstream']);

function wellFormed(r: BounceRecipient): void {
  expect(typeof r.address).toBe('string');
  expect(r.replyCode).toMatch(/^(?:[45]\d\d)?$/);
  expect(r.enhancedStatus).toMatch(/^(?:[245]\.\d{1,3}\.\d{1,3})?$/);
  expect(typeof r.temporary).toBe('boolean');
  expect(r.reason).toMatch(/^[a-z]+$/);
  if (r.temporary) expect(VARIATIONS.has(r.variation ?? '')).toBe(true);
  else expect(r.variation).toBeNull();
}

describe('parseBounce on arbitrary input', () => {
  it('never throws and always answers in the documented shape', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) => {
        parseBounce(text).recipients.forEach(wellFormed);
      }),
      { numRuns: 300 },
    );
  });

  it('survives truncated and spliced bounces', () => {
    const sources = [delayNotice(), MIXED_DSN, POSTFIX_DEFERRED];
    fc.assert(
      fc.property(fc.constantFrom(...sources), fc.nat(), fc.nat(), fc.string({ maxLength: 200 }), (source, a, b, noise) => {
        const start = a % source.length;
        const end = start + (b % (source.length - start + 1));
        parseBounce(source.slice(0, start) + noise + source.slice(end)).recipients.forEach(wellFormed);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseBounce on pathological input', () => {
  it('reads long unbroken runs, huge address lists and repeated headers without blowing up', () => {
    const inputs = [
      'a'.repeat(65536),
      '-'.repeat(65536),
      ('a.'.repeat(499) + ' ').repeat(65),
      'Subject: x\n' + 'X-A: b\n'.repeat(9000),
      Array.from({ length: 9000 }, (_, i) => `u${i}@example.com`).join('\n'),
    ];
    for (const input of inputs) {
      const { recipients } = parseBounce(input);
      expect(recipients.length).toBeLessThanOrEqual(100);
      recipients.forEach(wellFormed);
    }
  });

  it('caps the answer at 100 recipients', () => {
    const list = Array.from({ length: 500 }, (_, i) => `<u${i}@example.com>: 550 5.1.1 User unknown`).join('\n');
    expect(parseBounce(list).recipients).toHaveLength(100);
  });
});
