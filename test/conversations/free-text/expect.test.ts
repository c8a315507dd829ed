/** The dialogue checker passes what the files' `about` allows and fails everything else, naming what failed. */
import { describe, expect, it } from 'vitest';
import { checkOf, failedExpectations, judgeDialogue, type CheckRules, type Reply, type ReplyPosition } from './expect.js';
import { describeFailures } from './report.js';

const RULES: CheckRules = {
  checks: ['confirm_error', 'wait_and_retry', 'sending_volume', 'recipient_server', 'test_email', 'delivery_logs'],
  subSteps: new Set(['retry_check', 'recipient_domain', 'still_failing']),
};

const at = (stepId: string | undefined, stepNumber: number, status: string): ReplyPosition => ({
  flowId: 'smtp_421', ...(stepId ? { stepId } : {}), stepNumber, stepCount: 6, status,
});
const replies = (position: ReplyPosition | undefined, ...texts: string[]): Reply[] =>
  texts.map((text) => ({ text, ...(position ? { position } : {}) }));

describe('checkOf', () => {
  it('counts a check as itself, a sub-step as the check of its step number, anything else as no check', () => {
    expect(checkOf(at('test_email', 5, 'active'), RULES)).toBe('test_email');
    expect(checkOf(at('recipient_domain', 4, 'active'), RULES)).toBe('recipient_server');
    expect(checkOf(at('still_failing', 6, 'waiting_followup'), RULES)).toBe('delivery_logs');
    // An end step reports step 1 too; it is not confirm_error.
    expect(checkOf(at('route_permanent', 1, 'routed'), RULES)).toBeUndefined();
    expect(checkOf(at(undefined, 1, 'idle'), RULES)).toBeUndefined();
  });
});

describe('failedExpectations', () => {
  it('check_in passes at a listed check or its sub-step and fails elsewhere', () => {
    expect(failedExpectations({ check_in: ['recipient_server'] }, replies(at('recipient_domain', 4, 'active'), 'Which domain?'), RULES)).toEqual([]);
    const [failure] = failedExpectations({ check_in: ['test_email'] }, replies(at('recipient_server', 4, 'active'), 'One or several?'), RULES);
    expect(failure).toMatch(/^check_in: expected a check in \[test_email\].*step recipient_server 4 of 6, status active/);
    expect(failedExpectations({ check_in: ['confirm_error'] }, replies(at('route_permanent', 1, 'routed'), 'a 550'), RULES)).toHaveLength(1);
  });

  it('judges the position of the last reply', () => {
    const turn = [...replies(at('wait_and_retry', 2, 'active'), 'explained'), ...replies(at('sending_volume', 3, 'active'), 'Many at once?')];
    expect(failedExpectations({ check_in: ['sending_volume'] }, turn, RULES)).toEqual([]);
    expect(failedExpectations({ check_in: ['wait_and_retry'] }, turn, RULES)).toHaveLength(1);
  });

  it('not_in_flow passes with no check or a status other than active, and fails at an active check or sub-step', () => {
    expect(failedExpectations({ not_in_flow: true }, replies(at(undefined, 1, 'idle'), 'Welcome'), RULES)).toEqual([]);
    expect(failedExpectations({ not_in_flow: true }, replies(at('confirm_error', 1, 'routed'), 'Contact us'), RULES)).toEqual([]);
    expect(failedExpectations({ not_in_flow: true }, replies(at('confirm_error', 1, 'active'), 'Paste the error'), RULES)).toEqual([
      'not_in_flow: expected no active check, the last reply is at step confirm_error 1 of 6, status active',
    ]);
    expect(failedExpectations({ not_in_flow: true }, replies(at('retry_check', 2, 'active'), 'Did it work?'), RULES)).toHaveLength(1);
  });

  it('status_in and status_not_in fail on the wrong status', () => {
    const escalated = replies(at('delivery_logs', 6, 'escalated'), 'Passing you on');
    expect(failedExpectations({ status_in: ['escalated'], status_not_in: ['resolved'] }, escalated, RULES)).toEqual([]);
    expect(failedExpectations({ status_in: ['active', 'resolved'] }, escalated, RULES)[0]).toMatch(/^status_in: .*\[active, resolved\].*status escalated/);
    expect(failedExpectations({ status_not_in: ['escalated'] }, escalated, RULES)[0]).toMatch(/^status_not_in: .*status escalated/);
  });

  it('text_any matches case-insensitively anywhere in the turn\'s replies joined, and fails when none matches', () => {
    const turn = replies(at('sending_volume', 3, 'active'), 'Try postqueue -p first.', 'Were you sending IN BULK?');
    expect(failedExpectations({ text_any: ['in bulk'] }, turn, RULES)).toEqual([]);
    expect(failedExpectations({ text_any: ['mailq', 'postqueue -p'] }, turn, RULES)).toEqual([]);
    expect(failedExpectations({ text_any: ['exim -bp', 'mail queue manager'] }, turn, RULES)).toEqual([
      "text_any: none of /exim -bp/i, /mail queue manager/i matches the bot's text",
    ]);
  });

  it('fails every expectation when the bot did not reply, as a silent bot is no answer', () => {
    const failed = failedExpectations({ check_in: ['test_email'], not_in_flow: true, status_in: ['active'], status_not_in: ['escalated'], text_any: ['.+'] }, [], RULES);
    expect(failed.map((line) => line.split(':')[0])).toEqual(['check_in', 'not_in_flow', 'status_in', 'status_not_in', 'text_any']);
    expect(failedExpectations({ status_not_in: ['escalated'] }, replies(undefined, 'no position'), RULES)).toHaveLength(1);
  });
});

describe('judgeDialogue and its report', () => {
  const played = [
    { say: 'mail to gmx.net deferred, 421 4.7.0', expect: { status_in: ['active'] }, replies: replies(at('wait_and_retry', 2, 'active'), 'How long ago?') },
    { say: 'an hour or so', expect: { check_in: ['sending_volume'] }, replies: replies(at('wait_and_retry', 2, 'active'), 'Sorry, how long?') },
  ];

  it('returns only the turns that missed, numbered from 1', () => {
    expect(judgeDialogue(played, RULES)).toEqual([{ turn: 2, failed: [expect.stringMatching(/^check_in:/)] }]);
    expect(judgeDialogue(played.slice(0, 1), RULES)).toEqual([]);
  });

  it('shows the dialogue, the turn, the user text, the replies, the position and the failed expectation', () => {
    const report = describeFailures('gmx-hour', played, judgeDialogue(played, RULES), RULES);
    for (const part of ['dialogue "gmx-hour": 1 of 2 turns failed', 'turn 2 of 2', 'user: an hour or so', '1. Sorry, how long?',
      'position: step wait_and_retry 2 of 6, status active', '- check_in: expected a check in [sending_volume]']) {
      expect(report).toContain(part);
    }
  });
});
