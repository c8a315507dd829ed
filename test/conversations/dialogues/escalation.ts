/** When the bot hands over to a person, and when it deliberately does not. */
import { expect } from 'vitest';
import type { TurnResult } from '../../../src/core/types.js';
import type { Dialogue, Line } from '../harness.js';

function handoffOf(result: TurnResult) {
  const output = result.outputs.find((o) => o.kind === 'handoff');
  if (output?.kind !== 'handoff') throw new Error('expected a handoff output');
  return output.case;
}

/** From the recipient question to the log, with a failing test email. */
const lastChecks: Line[] = [
  { user: 'several domains', step: 'test_email' },
  { user: 'no, it failed too', step: 'delivery_logs' },
];

/** From the volume question to the log when the recipient domain is not known yet: one domain, its name skipped. */
const middleChecks: Line[] = [
  { user: 'no, normal sending', bot: ['unlikely to be the cause', 'one recipient domain only'], step: 'recipient_server' },
  { user: 'one domain', bot: ['which domain is it'], step: 'recipient_domain' },
  { user: 'skip', notBot: ['looked up'], omits: ['check'], step: 'test_email' },
  { user: 'no, it failed too', step: 'delivery_logs' },
];

export const escalation: Dialogue[] = [
  {
    name: 'persistent: every check done and failing for over 4 hours escalates with a full case',
    lines: [
      { user: 'Outlook defers everything with 421 4.7.1 for 5 hours now', bot: ['policy or greylisting'], step: 'sending_volume', omits: ['handoff'], status: 'active' },
      { user: 'no, normal sending', notBot: ['which domain'], step: 'recipient_server' },
      ...lastChecks,
      {
        user: 'deferred',
        bot: ['passing this to our support team'],
        emits: ['handoff'],
        status: 'escalated',
        verify: (result) => {
          const summary = handoffOf(result);
          expect(summary.reason).toBe('persistent');
          expect(summary.replyCode).toBe('421');
          expect(summary.enhancedStatus).toBe('4.7.1');
          expect(summary.variation).toBe('policy');
          expect(summary.answers.map((a) => a.stepId)).toEqual(['confirm_error', 'wait_and_retry', 'sending_volume', 'recipient_server', 'test_email', 'delivery_logs']);
          expect(summary.problemSince).toBe(summary.escalatedAt - 300 * 60_000);
          expect(summary.summary).toContain('421 4.7.1');
          expect(summary.transcript.filter((t) => t.from === 'user')).toHaveLength(5);
          expect(result.outputs.find((o) => o.kind === 'log')).toMatchObject({ event: { outcome: 'escalated', reason: 'persistent' } });
        },
      },
      { user: 'any news?', bot: ['with our support team'], status: 'escalated', omits: ['handoff'] },
    ],
  },
  {
    name: 'not persistent yet: the bot checks back and escalates on the follow-up past 4 hours',
    lines: [
      { user: '421 4.4.2 timeout exceeded on our outgoing mail', step: 'wait_and_retry' },
      { user: 'about an hour', step: 'sending_volume' },
      ...middleChecks,
      { user: 'deferred', bot: ['check back'], emits: ['schedule'], omits: ['handoff'], status: 'waiting_followup' },
      { after: 200, followup: true, bot: ['still being deferred'], status: 'active' },
      { user: 'yes, still failing', bot: ['passing this to our support team'], emits: ['handoff'], status: 'escalated', verify: (r) => expect(handoffOf(r).reason).toBe('persistent') },
    ],
  },
  {
    name: 'still failing before the threshold: a new check-back, no handoff',
    lines: [
      { user: '421 4.4.5 too many connections', step: 'wait_and_retry' },
      { user: '30 minutes', step: 'sending_volume' },
      ...middleChecks,
      { user: 'deferred', emits: ['schedule'], status: 'waiting_followup' },
      { after: 30, user: 'still failing', bot: ['check back'], emits: ['schedule', 'cancel_schedule'], omits: ['handoff'], status: 'waiting_followup' },
    ],
  },
  {
    name: 'one recipient domain and not persistent: no escalation',
    lines: [
      { user: 'yahoo says 421 4.7.0 try again later', step: 'wait_and_retry' },
      { user: 'an hour ago', step: 'sending_volume' },
      { user: 'no', step: 'recipient_server' },
      { user: 'only yahoo', bot: ['on their side'], step: 'test_email' },
      { user: 'no', step: 'delivery_logs' },
      { user: 'deferred', omits: ['handoff'], emits: ['schedule'], status: 'waiting_followup' },
    ],
  },
  {
    name: 'asking for a person: first the reason and the next check, then a handoff',
    lines: [
      { user: '421 4.3.2 server busy', step: 'wait_and_retry' },
      { user: 'human please', bot: ['almost always temporary', 'how long ago'], omits: ['handoff'], step: 'wait_and_retry', status: 'active' },
      { user: 'operator', bot: ['passing you to our support team'], emits: ['handoff'], status: 'escalated', verify: (r) => expect(handoffOf(r).reason).toBe('user_insisted') },
      { user: 'agent', bot: ['with our support team'], omits: ['handoff'] },
    ],
  },
  {
    name: 'no agent can take the case: the bot says so and carries on at the same question',
    lines: [
      { user: '421 4.3.2 server busy', step: 'wait_and_retry' },
      { user: 'human please', step: 'wait_and_retry' },
      { user: 'operator', emits: ['handoff'], status: 'escalated' },
      {
        agent: { kind: 'agent_unavailable', note: 'queue closed' },
        bot: ['none of our support team could take this', 'how long ago'],
        status: 'active',
        step: 'wait_and_retry',
        verify: (r) => expect(r.state.transcript.filter((t) => t.from === 'system').at(-1)?.text).toBe('No agent was available: queue closed'),
      },
      { user: 'about 2 hours', step: 'sending_volume' },
    ],
  },
  {
    name: 'never on the first mention: a first message asking for a person is asked what happens, and no check opens',
    lines: [
      { user: 'operator', bot: ['pass you to our support team', 'tell me what happens'], omits: ['handoff', 'ask'], status: 'idle' },
      { user: 'operator', bot: ['passing you to our support team'], emits: ['handoff'], status: 'escalated', verify: (r) => expect(handoffOf(r).reason).toBe('user_insisted') },
    ],
  },
  {
    name: 'never for a routed 5xx, however often the user asks',
    lines: [
      { user: 'bounced with 554 5.7.1 rejected', status: 'routed' },
      { user: 'human please', bot: ['https://example.test/contact'], omits: ['handoff'], status: 'routed' },
      { user: 'operator', bot: ['https://example.test/contact'], omits: ['handoff'], status: 'routed' },
    ],
  },
  {
    name: 'the problem comes back within a day of being resolved: escalated as recurring',
    lines: [
      { user: '421 4.7.0 from gmail', step: 'wait_and_retry' },
      { user: '2 hours', step: 'sending_volume' },
      { user: 'no', step: 'recipient_server' },
      { user: 'several domains', bot: ["not one provider"], step: 'test_email' },
      { user: 'yes, it worked', status: 'resolved', omits: ['handoff'] },
      { after: 180, user: 'it is happening again, 421 4.7.0 from gmail', bot: ['back so soon'], emits: ['handoff'], status: 'escalated', verify: (r) => expect(handoffOf(r).reason).toBe('recurred') },
    ],
  },
  {
    name: 'the problem comes back after the recurrence window: a fresh walk-through, no handoff',
    lines: [
      { user: '421 4.7.0 from gmail', step: 'wait_and_retry' },
      { user: '2 hours', step: 'sending_volume' },
      { user: 'no', step: 'recipient_server' },
      { user: 'several domains', step: 'test_email' },
      { user: 'yes, it worked', status: 'resolved' },
      { after: 3 * 24 * 60, user: 'gmail deferrals again: 421 4.4.5 too many connections', bot: ['connection limits'], omits: ['handoff'], step: 'wait_and_retry', status: 'active' },
    ],
  },
];
