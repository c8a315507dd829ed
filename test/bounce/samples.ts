/** Hand-written bounces for the explainer tests (addresses and hosts are documentation examples). */

export const POSTFIX_DEFERRED =
  'Nov 30 03:00:01 mail postfix/smtp[2211]: 4F1A2B3C: to=<jane@gmail.com>, relay=gmail-smtp-in.l.google.com[142.250.1.26]:25, ' +
  'delay=2.1, delays=0.1/0/1/1, dsn=4.7.0, status=deferred (host gmail-smtp-in.l.google.com[142.250.1.26] said: ' +
  '421-4.7.0 [203.0.113.5] Our system has detected an unusual rate of unsolicited mail (in reply to end of DATA command))';

export const POSTFIX_CONNECT_TIMEOUT =
  'Nov 30 03:05:11 mail postfix/smtp[2212]: 5A6B7C8D: to=<ops@example.com>, relay=none, delay=30, delays=0/0/30/0, ' +
  'dsn=4.4.1, status=deferred (connect to mx.example.com[192.0.2.7]:25: Connection timed out)';

export const POSTFIX_BOUNCED =
  'Nov 30 03:06:00 mail postfix/smtp[2213]: 9E8D7C6B: to=<nobody@example.org>, relay=mx.example.org[192.0.2.9]:25, delay=1, ' +
  'dsn=5.1.1, status=bounced (host mx.example.org[192.0.2.9] said: 550 5.1.1 <nobody@example.org>: Recipient address rejected: ' +
  'User unknown (in reply to RCPT TO command))';

export const EXIM_DEFER =
  '2026-11-30 03:00:00 1tGx2a-000Abc-7Q == bob@example.org R=dnslookup T=remote_smtp defer (-44) H=mx1.example.org [192.0.2.10]: ' +
  'SMTP error from remote mail server after RCPT TO:<bob@example.org>: 421 4.3.2 Service not available, closing channel';

export const EXIM_FAIL =
  '2026-11-30 03:01:00 1tGx2b-000Abd-8R ** carol@example.net R=dnslookup T=remote_smtp H=mx.example.net [192.0.2.20]: ' +
  'SMTP error from remote mail server after RCPT TO:<carol@example.net>: 550 5.1.1 User unknown';

export const GMAIL_CONTINUATION = [
  '421-4.7.0 [192.0.2.1] Our system has detected an unusual rate of',
  '421-4.7.0 unsolicited mail originating from your IP address. To protect our',
  '421 4.7.0 users from spam, mail sent from your IP address has been temporarily rate limited.',
].join('\n');

/** A Sendmail-style delay warning as RFC 3464 multipart/report, text part quoted-printable, status part base64. */
export function delayNotice(): string {
  const status = [
    'Reporting-MTA: dns; out.example.net',
    'Arrival-Date: Mon, 30 Nov 2026 01:00:00 +0000',
    '',
    'Final-Recipient: rfc822; dave@example.com',
    'Action: delayed',
    'Status: 4.4.1',
    'Remote-MTA: dns; mx.example.com',
    'Diagnostic-Code: smtp; 421 4.4.1 mx.example.com: connection timed out',
    'Will-Retry-Until: Wed, 2 Dec 2026 01:00:00 +0000',
    '',
  ].join('\r\n');
  return [
    'From: Mail Delivery Subsystem <MAILER-DAEMON@out.example.net>',
    'To: alice@example.net',
    'Subject: Warning: could not send message for past 4 hours',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    '    **********************************************',
    '    **      THIS IS A WARNING MESSAGE ONLY      **',
    '    **  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **',
    '    **********************************************',
    '',
    'The original message was received at Mon, 30 Nov 2026 01:00:00 +0000 =',
    'from client.example.net =E2=80=94 delivery to <dave@example.com> is being retried.',
    '',
    '--b1',
    'Content-Type: message/delivery-status',
    'Content-Transfer-Encoding: base64',
    '',
    ...chunk(btoa(status), 76),
    '',
    '--b1',
    'Content-Type: text/rfc822-headers',
    '',
    'From: alice@example.net',
    'To: dave@example.com',
    'Subject: invoice',
    '',
    '--b1--',
    '',
  ].join('\r\n');
}

/** A multi-recipient RFC 3464 DSN: one permanent and one temporary recipient. */
export const MIXED_DSN = [
  'From: MAILER-DAEMON@relay.example.net',
  'To: sender@example.net',
  'Subject: Undelivered Mail Returned to Sender',
  'MIME-Version: 1.0',
  'Content-Type: multipart/report; report-type=delivery-status; boundary="XYZ"',
  '',
  '--XYZ',
  'Content-Type: text/plain',
  '',
  'I am sorry, your message could not be delivered to some recipients.',
  '',
  '--XYZ',
  'Content-Type: message/delivery-status',
  '',
  'Reporting-MTA: dns; relay.example.net',
  '',
  'Final-Recipient: rfc822; gone@example.org',
  'Action: failed',
  'Status: 5.1.1',
  'Remote-MTA: dns; mx.example.org',
  'Diagnostic-Code: smtp; 550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown in virtual mailbox table',
  '',
  'Original-Recipient: rfc822; Busy@Example.com',
  'Final-Recipient: rfc822; busy@example.com',
  'Action: delayed',
  'Status: 4.2.2',
  'Remote-MTA: dns; mx.example.com',
  'Diagnostic-Code: smtp; 452 4.2.2 Mailbox full, try again later',
  '',
  '--XYZ--',
  '',
].join('\n');

function chunk(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}
