/**
 * Scripted whole conversations, as a customer would type them: the problem, the answers to the checks,
 * pasted bounces and log lines, side questions. The benchmarks and the reliability load replay these.
 */

/** One conversation: what the user types, turn by turn. */
export type Script = readonly string[];

const POSTFIX_LINE =
  'Nov 30 03:00:01 mail postfix/smtp[2211]: 4F1A2B3C: to=<jane@gmail.com>, relay=gmail-smtp-in.l.google.com[142.250.1.26]:25, ' +
  'delay=2.1, dsn=4.7.0, status=deferred (host gmail-smtp-in.l.google.com[142.250.1.26] said: 421-4.7.0 [203.0.113.5] ' +
  'Our system has detected an unusual rate of unsolicited mail (in reply to end of DATA command))';

const EXIM_LINE =
  '2026-11-30 03:00:00 1tGx2a-000Abc-7Q == bob@example.org R=dnslookup T=remote_smtp defer (-44) H=mx1.example.org ' +
  '[192.0.2.10]: SMTP error from remote mail server after RCPT TO:<bob@example.org>: 421 4.3.2 Service not available, closing channel';

const DSN = [
  'This is the mail system at host mail.example.net.',
  '',
  "I'm sorry to have to inform you that your message could not be delivered to one or more recipients.",
  '',
  '<carol@example.com>: host mx.example.com[192.0.2.20] said: 421 4.7.28 Too many connections from your IP,',
  '    try again later (in reply to MAIL FROM command)',
  '',
  'Reporting-MTA: dns; mail.example.net',
  'Final-Recipient: rfc822; carol@example.com',
  'Action: delayed',
  'Status: 4.7.28',
].join('\n');

/** Ten different conversations, five to ten turns each. */
export const SCRIPTS: readonly Script[] = [
  ['hi', 'My emails to Gmail keep coming back with "421 4.3.2 Server busy, try again later"', 'about 10 minutes', 'no', 'only gmail', 'yes it worked', 'thanks'],
  ['Our newsletter to yahoo keeps getting deferred', 'Remote server said: 421 4.3.2 All server ports are busy', "it's been going on for 2 hours", "yes, it's a newsletter to thousands of people", 'only yahoo addresses', 'the test went through'],
  ['my mails are stuck', "I don't have the error", 'not sure', 'no', 'just one domain', 'no', "I can't find it", 'thanks'],
  [POSTFIX_LINE, 'since yesterday', 'no, just normal emails', 'several domains', 'no, it failed too', 'it shows deferred', 'ok'],
  ['sending to example.com fails with 421 4.4.5 too many connections', 'just now', 'still the same error', 'no', 'can I talk to a person?'],
  [EXIM_LINE, 'is my mail lost?', 'about an hour', 'how long will this take?', 'start over', 'gmail bounces with 421 4.7.0'],
  [DSN, 'about 20 minutes', 'no', 'all of them, many different domains', 'yes', 'thank you'],
  ['hello', 'mail to bob@example.org bounced: 550 5.1.1 user unknown', 'what does 421 mean?', 'ok thanks', 'bye'],
  ['I get "421 Unexpected failure, please try later" when sending', 'since yesterday', 'a single big mailing', 'many domains', 'it fails', 'it says failed with 550'],
  ['why are my emails to outlook deferred?', 'I think 421', 'actually it was 4.7.0', 'around 3 hours', 'no', 'gmail and outlook', 'the test failed', 'deferred', 'human please', 'thanks'],
];
