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
    // Wording without a code.
    ['our invoices reach customers about three hours after we send them', 'delivery_temporary'],
    ['messages sit in the outgoing queue and the recipient server says try again later', 'delivery_temporary'],
    ['the recipient server is greylisting us so the first attempt fails', 'delivery_temporary'],
    ['every mail to that client bounces saying the mailbox does not exist', 'delivery_permanent'],
    ['my message was rejected by their server and returned to me', 'delivery_permanent'],
    ['how do I add my work mailbox to the Mail app on my iPhone', 'mail_other'],
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
  ])('cue words: %s -> %s', (text, topic) => {
    expect(nlu.classify(text).topic).toBe(topic);
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
