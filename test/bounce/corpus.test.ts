import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, evaluateCorpus } from '../../scripts/eval-bounces.js';
import { TARGETS } from '../../src/bounce/score.js';

describe('bounce corpus (shared/corpora/bounces)', () => {
  it('is present next to the repository', () => {
    expect(existsSync(join(CORPUS_DIR, 'expected.jsonl'))).toBe(true);
  });

  const report = evaluateCorpus();

  it.each(Object.entries(TARGETS))('%s agreement reaches its target', (field, target) => {
    const score = report.fields[field as keyof typeof report.fields];
    expect(score.total).toBeGreaterThan(100);
    expect(score.rate, `${field}: ${score.hits}/${score.total}`).toBeGreaterThanOrEqual(target ?? 1);
  });

  it('finds the failed address on nearly every line that names one', () => {
    expect(report.fields.address.rate).toBeGreaterThanOrEqual(0.9);
  });
});
