/** Typed answers, facts given out of order and questions on the way (issue 11), as scripted transcripts. */
import type { Dialogue } from '../harness.js';

export const understanding: Dialogue[] = [
  {
    name: 'no check opens before a problem is recognised; a problem later in the same conversation starts it',
    lines: [
      { user: "what's the weather like in Cape Town?", bot: ['only help with email'], omits: ['ask'], status: 'idle' },
      { user: 'how do I renew my SSL certificate', bot: ['only help with email'], status: 'idle' },
      { user: 'is 421 permanent?', bot: ["isn't permanent", 'word for word'], step: 'confirm_error', status: 'active' },
    ],
  },
  {
    name: 'a vaguely told mail problem is asked about, and the answer in words opens the checks',
    lines: [
      { user: 'hi, I have a problem with my email', bot: ['arrive late', 'come back with an error'], choices: ['My email is delayed or bounced'], status: 'idle' },
      { user: 'it comes back with some error', bot: ['word for word'], step: 'confirm_error', status: 'active' },
    ],
  },
  {
    name: 'after the question about what happens, an unrelated request is still turned away',
    lines: [
      { user: 'mail not sending', bot: ['arrive late'], status: 'idle' },
      { user: 'actually I want to upgrade my hosting plan', bot: ['only help with email'], status: 'idle' },
    ],
  },
  {
    name: 'a report that says "temporary" is a report, not a question about 421 being permanent',
    lines: [
      { user: 'emails to a supplier deferred, 421 4.3.0 temporary system problem', bot: ['resource-limit'], notBot: ["isn't permanent"], step: 'wait_and_retry' },
    ],
  },
  {
    name: 'facts given early are acknowledged, kept, and their check is skipped aloud',
    lines: [
      { user: 'yahoo defers our mail with 421 4.7.0', step: 'wait_and_retry' },
      { user: 'about 2 hours. I sent a plain test mail as well and it bounced too', bot: ['even a plain test email fails', 'many recipients'], step: 'sending_volume' },
      { user: 'no, normal amounts', step: 'recipient_server' },
      { user: 'several different ones', bot: ['already told me how the plain test email went', 'delivery log'], notBot: ['did it go through'], step: 'delivery_logs' },
    ],
  },
  {
    name: 'every domain said at the volume question: the domain question is skipped',
    lines: [
      { user: '421 4.4.5 too many connections since this morning', step: 'sending_volume' },
      { user: 'just a few a day, and it happens with every domain we send to', bot: ['already told me which domains', 'plain-text email'], step: 'test_email' },
    ],
  },
  {
    name: '"not sure" at the volume, domain and test questions moves on without pretending to know',
    lines: [
      { user: 'hotmail says 421 4.3.2 for two hours now', step: 'sending_volume' },
      { user: "not sure, my colleague does the marketing", bot: ['leave volume aside'], notBot: ['normal volume'], step: 'recipient_server' },
      { user: 'hard to say', bot: ['quick test from your side'], notBot: ["not one provider"], step: 'test_email' },
      { user: "haven't tried it yet", bot: ['send it later', 'delivery log'], notBot: ['even a plain message fails'], step: 'delivery_logs' },
    ],
  },
  {
    name: 'a question about the question gets what to look at or do, not a common answer',
    lines: [
      { user: 'yahoo defers us, 421 4.7.0, since yesterday', step: 'sending_volume' },
      { user: 'no, normal sending', step: 'recipient_server' },
      { user: 'several', step: 'test_email' },
      { user: 'sorry what should I test exactly?', bot: ['a line of text only', 'arrived or came back'], notBot: ['in most cases'], step: 'test_email' },
      { user: 'ok, it came back too', step: 'delivery_logs' },
      { user: 'what do you mean?', bot: ['search for the recipient'], step: 'delivery_logs' },
      { user: 'what does that mean, is my domain blacklisted?', bot: ['usually not'], step: 'delivery_logs' },
    ],
  },
  {
    name: 'a greeting with a question is the question',
    lines: [{ user: 'Good morning, quick question: do you also do domain transfers?', bot: ['only help with email'], notBot: ['hi again'], status: 'idle' }],
  },
  {
    name: 'server questions are answered for the mail server named earlier, then the question comes again',
    lines: [
      { user: 'my own server runs exim and mail to orange.fr gets 421 4.4.5 too many connections', step: 'wait_and_retry' },
      { user: 'how do I see the queue?', bot: ['exim -bp', 'how long ago'], notBot: ['postqueue'], step: 'wait_and_retry' },
      { user: 'and how can I delete a stuck one', bot: ['exim -Mrm', 'how long ago'], step: 'wait_and_retry' },
      { user: 'where do I find the mail queue in WHM?', bot: ['mail queue manager'], step: 'wait_and_retry' },
    ],
  },
];
