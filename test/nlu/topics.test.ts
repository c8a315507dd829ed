import { describe, expect, it } from 'vitest';
import type { Topic } from '../../src/nlu/types.js';
import { trainedNlu } from './fixture.js';

const nlu = trainedNlu();

describe('topic routing', () => {
  it.each<[string, Topic]>([
    // A reply code outweighs wording.
    ['554 5.7.1 Service unavailable; Helo command rejected, listed on greylist', 'delivery_permanent'],
    ['421 4.7.0 your message was rejected, try again later', 'delivery_temporary'],
    ['the bounce says 550 but it also says try again later', 'delivery_permanent'],
    ['status=deferred (host mx.example.net said: 450 4.2.0 greylisted)', 'delivery_temporary'],
    ['Got 5.1.1 back from the other side', 'delivery_permanent'],
    ['Error 4.4.7 message expired in queue', 'delivery_temporary'],
    ['the host keeps answering with a 4xx', 'delivery_temporary'],
    // HTTP and FTP look-alikes are not mail.
    ['The proxy returned HTTP 421 Misdirected Request for every call', 'out_of_scope'],
    ['FileZilla shows 421 Too many connections (10) from this IP', 'out_of_scope'],
    ['our web server answers 503 since the deploy', 'out_of_scope'],
    // A reply code with an enhanced status of its class is mail even among web words.
    ['office365 refuses us: "550 5.7.606 Access denied, banned sending IP. To request removal visit the portal"', 'delivery_permanent'],
    // Wording without a code.
    ['our invoices reach customers about three hours after we send them', 'delivery_temporary'],
    ['messages sit in the outgoing queue and the recipient server says try again later', 'delivery_temporary'],
    ['the recipient server is greylisting us so the first attempt fails', 'delivery_temporary'],
    ['every mail to that client bounces saying the mailbox does not exist', 'delivery_permanent'],
    ['my message was rejected by their server and returned to me', 'delivery_permanent'],
    ['how do I add my work mailbox to the Mail app on my iPhone', 'mail_other'],
    // A word only mail talk uses keeps a message about email even among DNS, panel or backup words.
    ['where in the DNS zone do I publish the DMARC entry for our domain', 'mail_other'],
    ['can you get back the emails I deleted from the server last week', 'mail_other'],
    ['I want the mails of my old assistant redirected to me', 'mail_other'],
    // Delay wording of other trades is not mail.
    ['the deploy job waits in the CI queue and the build is delayed by an hour', 'out_of_scope'],
    // A "temporary" block list is a delay, and mail that lags is delayed mail.
    ['outlook puts our IP on a temporary block list so the messages are held back', 'delivery_temporary'],
    ['newsletter mails reach readers with a lag of several hours', 'delivery_temporary'],
    ['the message was refused because of the attachment', 'delivery_permanent'],
    ['Outlook keeps popping up a password prompt for my mailbox', 'mail_other'],
    ['how can I forward everything from info@ to my personal address', 'mail_other'],
    ['why do our mails end up in the junk folder at Hotmail', 'mail_other'],
    ['my SSL certificate expired and visitors see a warning', 'out_of_scope'],
    ['I was charged twice for my hosting plan this month', 'out_of_scope'],
    ['the WordPress admin shows a white page after the update', 'out_of_scope'],
  ])('%s -> %s', (text, topic) => {
    expect(nlu.classify(text).topic).toBe(topic);
  });

  it.each<[string, Topic]>([
    // One kind of cause wording decides; a named cause outweighs a bare effect; denied cues do not count.
    ['our mail sits in the queue and never bounces', 'delivery_temporary'],
    ['the email was not rejected, it just arrived two hours later', 'delivery_temporary'],
    ['login rejected: you are sending too many emails too fast', 'delivery_temporary'],
    ['the mail was delayed and then came back: user unknown', 'delivery_permanent'],
    ['our mail to them is rejected', 'delivery_permanent'],
    ['they say our mail bounced back with some note about greylisting', 'delivery_temporary'],
    ['the notice says: message still undelivered after 4 hours, will keep trying', 'delivery_temporary'],
    ['mails from the contact form reach us with a big delay', 'delivery_temporary'],
    ['the signup form rejects my email address', 'out_of_scope'],
  ])('cue words: %s -> %s', (text, topic) => {
    expect(nlu.classify(text).topic).toBe(topic);
  });

  it('keeps a mail question with version and build numbers about mail', () => {
    const c = nlu.classify("My Outlook won't stop asking for the password of my IMAP account. Windows 11, Outlook 365 version 2310 build 16924.20106.");
    expect(c.topic).toBe('mail_other');
    expect(c.intent).toBe('report_problem');
  });

  it('does not read a code named by an FTP server or an API as an SMTP reply', () => {
    expect(nlu.classify('ProFTPD logs 421 for the backup user').entities.replyCode).toBeUndefined();
    expect(nlu.classify('our mail sync job: the API responds 503 every night').entities.replyCode).toBeUndefined();
    expect(nlu.classify('the API relay answered 550 5.7.1 relaying denied for our mail').topic).toBe('delivery_permanent');
  });

  it('gives a conversational reply no mail topic', () => {
    expect(nlu.classify('yes').topic).toBe('out_of_scope');
    expect(nlu.classify('thanks a lot').topic).toBe('out_of_scope');
  });

  it('keeps the topic of a pasted log line with several codes from the first failure code', () => {
    const c = nlu.classify('Expected response code "250" but got code "421", with message "421 4.3.2 Too many connections (5.0.0)"');
    expect(c.topic).toBe('delivery_temporary');
    expect(c.entities.replyCode).toBe('421');
  });
});
