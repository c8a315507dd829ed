/** What works at any point: FAQs, start over, cancel, go back, corrections, unclear answers, small talk, agents. */
import { expect } from 'vitest';
import type { Dialogue } from '../harness.js';

export const anytime: Dialogue[] = [
  {
    name: 'FAQs are answered and the current question is asked again',
    lines: [
      { user: '421 4.7.0 from gmail', step: 'wait_and_retry' },
      { user: 'is my domain blocked?', bot: ["doesn't mean your domain is blocked", 'how long ago'], step: 'wait_and_retry' },
      { user: 'will my message be lost?', bot: ["isn't lost", 'how long ago'], step: 'wait_and_retry' },
      { user: 'can I fix this myself?', bot: ['in most cases', 'how long ago'], step: 'wait_and_retry' },
      { user: 'how long does this take?', bot: ['15 to 30 minutes', 'how long ago'], step: 'wait_and_retry' },
      { user: 'is 421 permanent?', bot: ["isn't permanent", 'how long ago'], step: 'wait_and_retry', status: 'active' },
    ],
  },
  {
    name: 'a FAQ as the first message is answered, then the first check follows',
    lines: [{ user: 'is 421 permanent?', bot: ["isn't permanent", 'word for word'], step: 'confirm_error' }],
  },
  {
    name: 'start over clears the answers and begins again',
    lines: [
      { user: '421 4.4.5 too many connections', step: 'wait_and_retry' },
      { user: '3 hours', step: 'sending_volume' },
      { user: 'start over', bot: ['start again', 'word for word'], step: 'confirm_error', verify: (r) => expect(r.state.slots).not.toHaveProperty('reply_code') },
      { user: '421 4.7.0 greylisted', bot: ['greylisting'], step: 'wait_and_retry' },
    ],
  },
  {
    name: 'cancel stops; a new report starts again',
    lines: [
      { user: 'my mail is deferred', step: 'confirm_error' },
      { user: 'cancel', bot: ["i've stopped"], omits: ['ask'], verify: (r) => expect(r.state.stepId).toBe('') },
      { user: '421 4.4.2 timeout exceeded', bot: ['connection limits'], step: 'wait_and_retry' },
    ],
  },
  {
    name: 'go back returns to the previous question; at the first there is nothing to go back to',
    lines: [
      { user: 'my mail is deferred', step: 'confirm_error' },
      { user: 'go back', bot: ['nothing to go back to', 'word for word'], step: 'confirm_error' },
      { user: '421 4.4.5 too many connections', step: 'wait_and_retry' },
      { user: '2 hours', step: 'sending_volume' },
      { user: 'go back', bot: ['go back one step', 'how long ago'], step: 'wait_and_retry', verify: (r) => expect(r.state.slots).not.toHaveProperty('waited_minutes') },
      { user: '5 hours', step: 'sending_volume' },
    ],
  },
  {
    name: 'a correction re-routes: "actually it says 550"',
    lines: [
      { user: '421 4.7.0 from gmail', step: 'wait_and_retry' },
      { user: 'actually it says 550', bot: ['that changes things', '550 means', 'https://example.test/smtp-error-codes'], status: 'routed' },
    ],
  },
  {
    name: 'unclear answers are re-asked in other words, then with choices and a way forward',
    lines: [
      { user: '421 4.3.2 server busy for 2 hours', step: 'sending_volume' },
      { user: 'purple monkey dishwasher', bot: ['one normal email, or a batch'], step: 'sending_volume' },
      { user: 'banana', bot: ['pick the option that fits best'], choices: ['Not sure', 'Yes, many recipients or bulk'], step: 'sending_volume' },
      { click: 'not_sure', step: 'recipient_server' },
      { user: 'not sure', step: 'test_email' },
    ],
  },
  {
    name: 'an unclear error text is asked for again, with the options offered',
    lines: [
      { user: 'my email is not arriving', step: 'confirm_error' },
      { user: 'purple monkey dishwasher', bot: ["couldn't find an error code"], step: 'confirm_error' },
      { user: 'banana', bot: ['pick the option'], choices: ['Not sure'], step: 'confirm_error' },
      { click: 'greylisting', bot: ['greylisting'], step: 'wait_and_retry' },
    ],
  },
  {
    name: 'a user who keeps resending is warned, once',
    lines: [
      { user: 'I keep resending it but gmail says 421 4.7.0', bot: ['stop resending', 'greylisting'], step: 'wait_and_retry' },
      { user: 'I keep resending it', notBot: ['stop resending'], step: 'wait_and_retry' },
    ],
  },
  {
    name: 'greetings, thanks and off-topic messages',
    lines: [
      { user: 'hi', bot: ['delayed or bounced'], notBot: ['word for word'], choices: ['My email is delayed or bounced', 'Something else'], status: 'idle' },
      { user: 'thanks!', bot: ["you're welcome"], status: 'idle' },
      { click: 'mail_problem', bot: ['word for word'], step: 'confirm_error', status: 'active' },
      { user: 'thanks!', bot: ["you're welcome", 'word for word'], step: 'confirm_error' },
      { user: 'hello there', bot: ['hi again', 'word for word'], step: 'confirm_error' },
    ],
  },
  {
    name: 'off-topic and other mail questions before any problem get a one-liner',
    lines: [
      { user: 'tell me a joke', bot: ['i can only help with email that is delayed'], omits: ['ask'] },
      { user: 'what is the capital of France', bot: ['i can only help with email that is delayed'], omits: ['ask'] },
      { user: 'how do I set up my email on my iphone', bot: ['different email question'], omits: ['ask'] },
      { user: 'thank you so much', bot: ["you're welcome"], omits: ['ask'] },
    ],
  },
  {
    name: 'technical users get the advanced checks for their MTA',
    lines: [
      { user: 'postfix logs show 421 4.7.0 deferrals to gmail', bot: ['postqueue -p', 'smtpd_client_connection_count_limit', 'greylisting'], step: 'wait_and_retry' },
      { user: 'I run postfix, 20 minutes ago', notBot: ['postqueue'] },
    ],
  },
  {
    name: 'an Exim admin gets the Exim commands',
    lines: [{ user: 'I run exim on my own server and get 421 4.3.2', bot: ['exim -bp', 'smtp_accept_max', 'resource-limit'], step: 'wait_and_retry' }],
  },
  {
    name: 'live check results: no MX records, or the lookup failed',
    lines: [
      { user: 'mail to anna@exampel.com says 421 4.4.2 timeout', emits: ['check'], step: 'wait_and_retry' },
      {
        check: { check: 'mx', target: 'exampel.com', ok: false, lookupFailed: false, details: [], error: 'the domain has no MX records and no address, so it cannot receive mail' },
        bot: ['exampel.com: the domain has no mx records', 'typos'],
        omits: ['ask'],
      },
      { check: { check: 'mx', target: 'exampel.com', ok: false, lookupFailed: true, details: [], error: 'no answer in time' }, bot: ["couldn't look up exampel.com just now (no answer in time)"], step: 'wait_and_retry' },
    ],
  },
  {
    name: 'an agent takes over, writes, and hands back at the right step',
    lines: [
      { user: '421 4.4.5 too many connections', step: 'wait_and_retry' },
      { agent: { kind: 'agent_takeover', agent: 'Dana' }, silent: true },
      { user: 'hello?', bot: ['support team is handling'], omits: ['ask'] },
      { user: 'are you there?', silent: true },
      { agent: { kind: 'agent_message', text: 'Hi, Dana here. Let me look.', agent: 'Dana' }, bot: ['dana: hi, dana here. let me look.'], verify: (r) => expect(r.state.transcript.at(-1)).toMatchObject({ from: 'agent' }) },
      {
        agent: { kind: 'agent_handoff', known: { agent: 'Dana', replyCode: '421', enhancedStatus: '4.4.5', recipientDomain: 'example.com', stepsDone: ['confirm_error', 'wait_and_retry', 'sending_volume'] } },
        bot: ['dana has filled me in', 'one recipient domain only'],
        emits: ['check'],
        step: 'recipient_server',
        status: 'active',
        verify: (r) => expect(r.state.handler).toBe('bot'),
      },
      { user: 'several domains', step: 'test_email' },
    ],
  },
];
