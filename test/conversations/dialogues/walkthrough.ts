/** The six checks of the 421 guide, one dialogue per path through them. */
import { expect } from 'vitest';
import type { Dialogue } from '../harness.js';

const EXIM_DELAY_WARNING = `This message was created automatically by mail delivery software.

A message that you sent has not yet been delivered to one or more of its
recipients after more than 24 hours on the queue on server.example-host.net.

The address to which the message has not yet been delivered is:

  maria@shop-example.co.za
    host mx1.shop-example.co.za [203.0.113.25]
    Delay reason: SMTP error from remote mail server after RCPT TO:<maria@shop-example.co.za>:
    421 4.7.0 Greylisted, please try again later

No action is required on your part. Delivery attempts will continue for
some time, and this warning may be repeated at intervals if the message
remains undelivered.`;

export const walkthrough: Dialogue[] = [
  {
    name: 'greylisting named in the first message; a short wait; the retry works',
    lines: [
      { user: 'gmail bounces with 421 4.7.0', bot: ['greylisting', 'queued, not lost', 'how long ago'], step: 'wait_and_retry', status: 'active', emits: ['check'], notBot: ['word for word'] },
      { check: { check: 'mx', target: 'gmail.com', ok: true, details: ['gmail-smtp-in.l.google.com'] }, bot: ['gmail-smtp-in.l.google.com'], step: 'wait_and_retry' },
      { user: 'about 10 minutes', bot: ['15 to 60 minutes', "don't keep pressing send", 'check back'], emits: ['schedule'], step: 'retry_check', status: 'waiting_followup' },
      { after: 60, followup: true, bot: ['did the message go through'], step: 'retry_check', status: 'active' },
      { user: 'yes, it went through', bot: ['cleared on retry'], status: 'resolved', omits: ['handoff'] },
    ],
  },
  {
    name: 'a connection limit that just happened; the user retries early and it still fails',
    lines: [
      { user: 'sending to example.com fails with 421 4.4.5 too many connections', step: 'wait_and_retry' },
      { click: 'just_now', bot: ['15 to 30 minutes', "don't keep pressing send"], notBot: ['greylisting'], emits: ['schedule'], step: 'retry_check', status: 'waiting_followup' },
      { after: 5, user: 'still the same error', bot: ['many recipients'], emits: ['cancel_schedule'], step: 'sending_volume', status: 'active' },
    ],
  },
  {
    name: 'resource limits pasted later; a newsletter said at the start is not asked about again; one domain; the test works',
    lines: [
      { user: 'Our newsletter to yahoo keeps getting deferred', bot: ['word for word'], step: 'confirm_error', choices: ['421 Too many connections', "I don't have the error text"] },
      { user: 'Remote server said: 421 4.3.2 All server ports are busy', bot: ['resource-limit', 'not lost'], step: 'wait_and_retry' },
      {
        user: "it's been going on for 2 hours",
        bot: ['already told me how much you send', 'smaller batches', 'https://example.test/sending-limits', 'one recipient domain only'],
        notBot: ['many recipients at once'],
        step: 'recipient_server',
        omits: ['schedule'],
      },
      { user: 'only yahoo addresses', bot: ['on their side', 'postmaster', 'plain-text email'], notBot: ['which domain is it'], step: 'test_email' },
      { user: 'the test went through', bot: ['rate or filtering limit', 'attachments'], status: 'resolved', step: 'test_email' },
    ],
  },
  {
    name: 'a bulk sender who has not named the recipient is asked for its domain, and names a provider',
    lines: [
      { user: '421 4.4.5 too many connections', step: 'wait_and_retry' },
      { click: 'few_hours', bot: ['longer than most 421s last'], step: 'sending_volume', verify: (r) => expect(r.position.stepTitle).toBe('Reduce sending volume') },
      { click: 'bulk', bot: ['smaller batches', 'one recipient domain only'], step: 'recipient_server' },
      { user: 'just one domain', bot: ['which domain is it'], step: 'recipient_domain', verify: (r) => expect(r.position).toMatchObject({ stepNumber: 4, stepTitle: "Check the recipient's server" }) },
      { user: 'gmail mostly', emits: ['check'], bot: ['on their side'], step: 'test_email', verify: (r) => expect(r.state.slots.recipient_domain).toBe('gmail.com') },
    ],
  },
  {
    name: 'connection limits, several domains, deferred in the log: not persistent yet, then delivered',
    lines: [
      { click: 'too_many_connections', bot: ['connection limits', 'not lost', 'how long ago'], step: 'wait_and_retry' },
      { user: 'about 20 minutes', bot: ['longer than most 421s last', 'many recipients'], step: 'sending_volume' },
      { user: 'no, just normal emails', bot: ['unlikely to be the cause', 'one recipient domain only'], step: 'recipient_server', notBot: ['smaller batches'], choices: ['One domain only', 'Several domains'] },
      {
        user: 'several domains, mostly clients at acme-widgets.com',
        bot: ["since it's not one provider", 'sending side', 'plain-text email'],
        notBot: ['postmaster'],
        step: 'test_email',
        verify: (r) => expect(r.outputs).toContainEqual({ kind: 'check', check: 'mx', target: 'acme-widgets.com' }),
      },
      { user: 'no, it failed too', bot: ['even a plain message fails', 'Track Delivery', 'Track Email Delivery'], step: 'delivery_logs' },
      { user: 'it shows deferred', bot: ['normally looks like', 'check back'], emits: ['schedule'], omits: ['handoff'], step: 'still_failing', status: 'waiting_followup' },
      { after: 240, followup: true, bot: ['still being deferred'], status: 'active', step: 'still_failing' },
      { user: "no, it's delivered now", bot: ['went through'], status: 'resolved', emits: ['log'] },
    ],
  },
  {
    name: 'an unexpected failure, lasting since yesterday; the log says failed with 550: routed',
    lines: [
      { user: 'I get "421 Unexpected failure, please try later" when sending', bot: ['downstream', 'not lost'], step: 'wait_and_retry' },
      { user: 'since yesterday', step: 'sending_volume', omits: ['schedule'] },
      { click: 'single', step: 'recipient_server' },
      { user: 'all of them, many different domains', step: 'test_email' },
      { click: 'fails', step: 'delivery_logs' },
      { user: 'it says failed with 550', bot: ['different problem', 'mailbox', 'https://example.test/smtp-error-codes'], status: 'routed' },
    ],
  },
  {
    name: 'a pasted delay warning fills the codes, host, domain and duration, so none is asked again',
    lines: [
      { user: 'my invoice emails are delayed', step: 'confirm_error' },
      {
        user: EXIM_DELAY_WARNING,
        bot: ['greylisting', 'many recipients at once'],
        notBot: ['how long ago'],
        emits: ['check'],
        step: 'sending_volume',
        verify: (r) => {
          expect(r.state.slots).toMatchObject({ reply_code: '421', enhanced_status: '4.7.0', variation: 'policy', remote_host: 'mx1.shop-example.co.za', recipient_domain: 'shop-example.co.za' });
          expect(r.outputs).toContainEqual({ kind: 'check', check: 'mx', target: 'shop-example.co.za' });
        },
      },
    ],
  },
  {
    name: 'a DSN pasted as the first message: the recipient domain comes from the bounce, not the sender address',
    lines: [
      {
        user: `From: billing@my-company.example\nSubject: Delivery delayed\n\n${EXIM_DELAY_WARNING}`,
        bot: ['greylisting'],
        step: 'sending_volume',
        verify: (r) => {
          expect(r.state.slots.recipient_domain).toBe('shop-example.co.za');
          expect(r.outputs.filter((o) => o.kind === 'check')).toEqual([{ kind: 'check', check: 'mx', target: 'shop-example.co.za' }]);
        },
      },
    ],
  },
  {
    name: 'a bare 421 without an enhanced code or words gets the general explanation',
    lines: [
      { user: 'my mail is not going out', step: 'confirm_error' },
      { user: '421', bot: ['temporary rejection', "isn't lost"], notBot: ['downstream', 'greylisting'], step: 'wait_and_retry' },
    ],
  },
  {
    name: 'a 550 in the first message is routed to the error codes guide at once',
    lines: [
      { user: 'mail to bob@example.org bounced: 550 5.1.1 user unknown', bot: ['550 means', 'permanent', 'https://example.test/smtp-error-codes'], status: 'routed', step: 'confirm_error', emits: ['check'], omits: ['ask'] },
    ],
  },
  {
    name: 'picking "a 550, 552, 554 or 535" routes with the general 5xx wording',
    lines: [
      { user: 'my emails bounce', step: 'confirm_error' },
      { click: 'permanent', bot: ['starting with 5 is a permanent error', 'https://example.test/smtp-error-codes'], status: 'routed' },
    ],
  },
  {
    name: 'waited and retried already, said in words at the waiting question: on to sending volume',
    lines: [
      { user: 'gmail keeps deferring us with 421 4.7.0', step: 'wait_and_retry' },
      { user: 'yes I already waited and retried twice, still deferred', bot: ['still fails after waiting and retrying', 'many recipients'], notBot: ['noted'], step: 'sending_volume' },
    ],
  },
  {
    name: 'the retry went through, said in words at the waiting question: resolved',
    lines: [
      { user: 'yahoo answered 421 4.7.0 to my mail', step: 'wait_and_retry' },
      { user: 'I resent it a bit later and it went through', bot: ['cleared on retry'], status: 'resolved' },
    ],
  },
  {
    name: 'the delivery log says delivered: the deferral has cleared',
    lines: [
      { user: 'outlook is deferring our mail with 421 4.3.2 since yesterday', step: 'sending_volume' },
      { user: 'normal amounts', step: 'recipient_server' },
      { user: 'every domain we send to', step: 'test_email' },
      { user: 'the test failed as well', step: 'delivery_logs' },
      { user: 'track delivery says delivered now', bot: ['accepted the message', 'spam'], status: 'resolved', omits: ['handoff'] },
    ],
  },
  {
    name: 'no error text at hand; not sure how long; the log cannot be found',
    lines: [
      { user: 'my mails are stuck', step: 'confirm_error' },
      { user: "I don't have the error", bot: ['bounce', 'Track Delivery', 'how long ago'], step: 'wait_and_retry' },
      { user: 'not sure', bot: ['wait at least 15 minutes', 'check back'], step: 'retry_check', status: 'waiting_followup' },
      { user: "can't tell yet", bot: ["i'll check back"], omits: ['ask'], step: 'retry_check', status: 'waiting_followup' },
      { after: 20, followup: true, bot: ['did the message go through'], step: 'retry_check', status: 'active' },
      { user: 'not sure', bot: ['carry on with the other checks', 'many recipients'], step: 'sending_volume' },
      { user: 'no', step: 'recipient_server' },
      { user: 'just one domain', step: 'recipient_domain' },
      { user: "I don't know", bot: ['on their side'], step: 'test_email', verify: (r) => expect(r.state.slots.recipient_domain).toBeUndefined() },
      { user: 'no', step: 'delivery_logs' },
      { user: "I can't find it", bot: ['https://example.test/track-delivery', 'check back'], emits: ['schedule'], status: 'waiting_followup' },
    ],
  },
];
