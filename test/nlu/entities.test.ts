import { describe, expect, it } from 'vitest';
import { compileEntityExtractor } from '../../src/nlu/entities.js';
import type { Entities } from '../../src/nlu/types.js';
import { trainedModel } from './fixture.js';

const { extract } = compileEntityExtractor(trainedModel().entities);
const entities = (text: string): Entities => extract(text).entities;

describe('reply codes and enhanced status', () => {
  it.each([
    ['421 4.7.0 Try again later, closing connection.', '421', '4.7.0'],
    ['host alt2.gmail-smtp-in.l.google.com said: 421-4.7.28 unusual rate of mail', '421', '4.7.28'],
    ['postfix/smtp[812]: to=<li@yahoo.com>, dsn=4.7.28, status=deferred', undefined, '4.7.28'],
    ['Remote Server returned #4.4.5 message expired', undefined, '4.4.5'],
    ['550-5.7.26 This mail is unauthenticated', '550', '5.7.26'],
    ['I keep getting 421s from the receiving side', '421', undefined],
    ['MailKit.Security.AuthenticationException: 421: 4.3.2 Service not active', '421', '4.3.2'],
    ['Expected response code 250 but got code "554", with message "554 Message rejected"', '554', undefined],
    ['5.7.8 Username and Password not accepted', undefined, '5.7.8'],
    ['status=sent (250 2.0.0 Ok: queued as 4F2A1)', undefined, undefined],
  ])('%s', (text, replyCode, enhancedStatus) => {
    const e = entities(text);
    expect(e.replyCode).toBe(replyCode);
    expect(e.enhancedStatus).toBe(enhancedStatus);
  });

  it.each([
    ['HTTP/2 421 Misdirected Request from the load balancer'],
    ['FTP: 421 Too many connections (8) from this IP'],
    ['we mailed 450 subscribers yesterday'],
    ['the app listens on port 443'],
    ['the server at 203.0.113.250 is slow'],
    ['upgraded Exim 4.94.2 and PHP 5.6.40 last week'],
    ['sent at 12:55 and received at 14:21'],
    ['npm install fails with 403'],
    ['HTTP 503 from the mail API when posting to /v3/mail/send'],
    ['the mail relay dashboard shows 502 Bad Gateway'],
  ])('finds no mail code in "%s"', (text) => {
    const e = entities(text);
    expect(e.replyCode).toBeUndefined();
    expect(e.enhancedStatus).toBeUndefined();
  });
});

describe('providers and MTAs', () => {
  it.each([
    ['emails to googlemail addresses are stuck', 'gmail'],
    ['our G Suite accounts cannot receive', 'gmail'],
    ['mail to people on Office 365 is deferred', 'outlook'],
    ['relay=hotmail-com.olc.protection.outlook.com', 'outlook'],
    ['sending to my friend at live.com fails', 'outlook'],
    ['relay=mta6.am0.yahoodns.net[67.195.204.77]:25', 'yahoo'],
    ['to=<sam@aol.com> status=deferred', 'aol'],
    ['my iCloud contact never gets my mail', 'icloud'],
    ['bounce from a me.com address', 'icloud'],
    ['Zoho says try later', 'zoho'],
    ['Yandex greylists us', 'yandex'],
    ['three bounces from .gmx.de users', 'gmx'],
    ['mail to ProtonMail users is late', 'protonmail'],
    ['comcast keeps throttling us', 'comcast'],
  ])('%s -> %s', (text, provider) => {
    expect(entities(text).provider).toBe(provider);
  });

  it('does not read "live" in a sentence as a provider', () => {
    expect(entities('I live in Berlin and my mail is late').provider).toBeUndefined();
  });

  it.each([
    ['exim_mainlog shows defer (-44)', 'exim'],
    ['Postfix keeps them in the deferred queue', 'postfix'],
    ['our old sendmail box', 'sendmail'],
    ['we run Microsoft Exchange 2016 on site', 'exchange'],
    ['qmail-remote reports a temporary failure', 'qmail'],
  ])('%s -> %s', (text, mta) => {
    expect(entities(text).mta).toBe(mta);
  });
});

describe('addresses and domains', () => {
  it('reads emails and their domains, lower-cased', () => {
    const e = entities('to=<Anna.K@Example.org>, orig_to=<info@shop.example.co.uk>');
    expect(e.emails).toEqual(['anna.k@example.org', 'info@shop.example.co.uk']);
    expect(e.domains).toEqual(['example.org', 'shop.example.co.uk']);
  });

  it('reads host names but not version numbers or file names', () => {
    const e = entities('Postfix 3.5.6 on mail.my-domain.com, see main.cf and /var/log/mail.log, app.js and README.md');
    expect(e.domains).toEqual(['mail.my-domain.com']);
  });

  it('reads nothing from a message without addresses', () => {
    const e = entities('my emails are slow today, e.g. to my boss');
    expect(e.emails).toEqual([]);
    expect(e.domains).toEqual([]);
  });
});

describe('durations', () => {
  it.each([
    ['it has been going on for 2 hours', 120],
    ['since yesterday nothing gets through', 1440],
    ['waited 30 mins and tried again', 30],
    ['stuck all day', 480],
    ['broken since this morning', 240],
    ['about an hour now', 60],
    ['for half an hour', 30],
    ['deferred for 2-3 days', 2880],
    ['it took 15+ minutes to arrive', 15],
    ['for a couple of days', 2880],
  ])('%s -> %i minutes', (text, minutes) => {
    expect(entities(text).durationMinutes).toBe(minutes);
  });

  it('ignores numbers without a unit', () => {
    expect(entities('relay=none, delay=20, dsn=4.4.1').durationMinutes).toBeUndefined();
  });
});

describe('technical and resending cues', () => {
  it.each([
    ['I checked exim_mainlog on my VPS', true],
    ['I have root SSH access to the server', true],
    ['the postfix queue has 300 messages', true],
    ['I use the Gmail app on my phone', undefined],
  ])('technical: %s', (text, technical) => {
    expect(entities(text).technical).toBe(technical);
  });

  it.each([
    ['I keep resending it but it does not arrive', true],
    ['tried sending it 10 times already', true],
    ['I resent the invoice twice', true],
    ['I sent it once this morning', undefined],
  ])('resending: %s', (text, resending) => {
    expect(entities(text).resending).toBe(resending);
  });
});
