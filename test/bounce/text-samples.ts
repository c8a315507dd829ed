/** Plain-text bounces in wordings the corpus does not contain, to check the reader is not tied to it. */

export const GMAIL_DELAY = `From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: alice@gmail.com
Subject: Delivery Status Notification (Delay)
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

** Delivery incomplete **

There was a temporary problem delivering your message to bob@example.org. Gmail will retry for 45 more hours.

The response from the remote server was:
421 4.7.0 [203.0.113.9 15] Our system has detected an unusual rate of unsolicited mail originating from your IP address.
`;

export const EXIM_DELAY_WARNING = `From: Mail Delivery System <Mailer-Daemon@host.example.net>
To: carol@example.net
Subject: Warning: message 1tGx2a-000Abc-7Q delayed 24 hours
Date: Mon, 30 Nov 2026 03:00:00 +0000

This message was created automatically by mail delivery software.
A message that you sent has not yet been delivered to one or more of its
recipients after more than 24 hours on the queue on host.example.net.

The address to which the message has not yet been delivered is:

  dan@example.com
    host mx.example.com [192.0.2.44]
    Delay reason: SMTP error from remote mail server after pipelined RCPT TO:<dan@example.com>:
    451 4.7.1 Greylisting in action, please come back later

No action is required on your part. Delivery attempts will continue for
some time, and this warning may be repeated at intervals if the message
remains undelivered.
`;

export const OUTLOOK_NDR = `Subject: Undeliverable: Quarterly numbers
From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@contoso.example>
To: erin@contoso.example
Date: Mon, 30 Nov 2026 03:00:00 +0000

Your message to frank@fabrikam.example couldn't be delivered.
frank wasn't found at fabrikam.example.

Diagnostic information for administrators:
Generating server: BN8PR12MB3300.namprd12.prod.outlook.com
frank@fabrikam.example
Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'
`;

export const QMAIL_TOO_MANY = `From: MAILER-DAEMON@mail.example.net
To: hank@example.net
Subject: failure notice

Hi. This is the qmail-send program at mail.example.net.
I'm afraid I wasn't able to deliver your message to the following addresses.

<gina@example.org>:
192.0.2.60 failed after I sent the message.
Remote host said: 421 4.4.5 Too many connections from your host

--- Below this line is a copy of the message.

Return-Path: <hank@example.net>
From: hank@example.net
To: gina@example.org
Subject: hi
`;

/** Only the body of a Postfix bounce, as a user would paste it from a mail client. */
export const PASTED_POSTFIX_BODY = `I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

<ivan@example.com>: host mx2.example.com[198.51.100.3] said: 421 4.3.2 System
    not accepting network messages (in reply to MAIL FROM command)
`;

export const SENDMAIL_TRANSCRIPT = `   ----- The following addresses had permanent fatal errors -----
<judy@example.org>
    (reason: 554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org)

   ----- Transcript of session follows -----
... while talking to mx.example.org.:
>>> MAIL From:<kim@example.net> SIZE=1520
<<< 554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org
554 5.0.0 Service unavailable
`;

export const YAHOO_COLON_CODE = `Sorry, we were unable to deliver your message to the following address.

<someone@yahoo.com>:
554: delivery error: dd This user doesn't have a yahoo.com account (someone@yahoo.com) [0] - mta1017.mail.gq1.yahoo.com
`;

export const EXIM_RETRY_TIMEOUT = `  user@example.com
    host mx.example.com [192.0.2.4]
    SMTP error from remote mail server after end of data:
    421 4.7.0 Temporary System Problem.  Try again later.
    retry timeout exceeded
`;
