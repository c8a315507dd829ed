import { describe, expect, it } from 'vitest';
import { BLIND_SET, isHeldOut, readAnswerCases, scoreCases, TARGET } from '../../scripts/answer-cases.js';
import { testDeps, T0 } from '../conversations/harness.js';

const deps = testDeps({ now: T0 });

describe('typed answers per check (eval:answers)', () => {
  it.each([
    ['the held-out third of test/nlu/answers.jsonl', readAnswerCases().filter((c) => isHeldOut(c.text))],
    ['the blind set', readAnswerCases(BLIND_SET)],
  ])(`reads at least ${TARGET} of each step right on %s`, (_name, cases) => {
    const scores = scoreCases(deps, cases);
    expect(scores.map((s) => s.step).sort()).toEqual(
      ['confirm_error', 'delivery_logs', 'recipient_server', 'retry_check', 'sending_volume', 'still_failing', 'test_email', 'wait_and_retry'],
    );
    for (const s of scores) expect(s.right / s.total, `${s.step}: ${JSON.stringify(s.misses)}`).toBeGreaterThanOrEqual(TARGET);
  });

  it('counts a wrong reading as a miss', () => {
    const [score] = scoreCases(deps, [{ step: 'sending_volume', text: 'a newsletter to 4000 subscribers', expected: 'single' }]);
    expect(score).toMatchObject({ right: 0, total: 1, misses: [{ got: 'bulk' }] });
  });
});
