import { describe, expect, it } from 'vitest';
import { trainedNlu } from './fixture.js';

const nlu = trainedNlu();

describe('a 4xx / 5xx reply of another protocol', () => {
  it.each<[string, 'ftp' | 'http']>([
    ['HTTP "421 Misdirected Request"', 'http'],
    ['apache returns 421 Misdirected Request', 'http'],
    ['after moving my site behind cloudflare apache returns 421 Misdirected Request for some pages', 'http'],
    ['our HTTP API answers 429 try again later', 'http'],
    ['the REST endpoint gives 503, try again later', 'http'],
    ['curl gets 503 Service Temporarily Unavailable from nginx', 'http'],
    ['our mail sync job: the API responds 503 every night', 'http'],
    ['FileZilla says 421 Too many connections (10) from this IP', 'ftp'],
    ['FileZilla says 421 Too many connections (10) from this IP when I upload my website', 'ftp'],
    ['421 Too many connections (10) from this IP', 'ftp'],
    ['ProFTPD 421 Service not available', 'ftp'],
    ['ProFTPD logs 421 for the backup user', 'ftp'],
    ['vsftpd: 530 Login incorrect', 'ftp'],
  ])('%s -> out of scope, %s, no reply code', (text, protocol) => {
    const c = nlu.classify(text);
    expect(c.topic).toBe('out_of_scope');
    expect(c.entities.otherProtocol).toBe(protocol);
    expect(c.entities.replyCode).toBeUndefined();
  });

  it.each([
    ['my emails to gmail come back with 421 4.7.0 try again later', 'delivery_temporary'],
    ['421 Too many concurrent SMTP connections from this IP address; please try again later', 'delivery_temporary'],
    ['the API relay answered 550 5.7.1 relaying denied for our mail', 'delivery_permanent'],
    ['FTP works fine, but mail to our client bounces with 550 5.1.1 user unknown', 'delivery_permanent'],
  ])('leaves a mail reply alone: %s', (text, topic) => {
    const c = nlu.classify(text);
    expect(c.topic).toBe(topic);
    expect(c.entities.otherProtocol).toBeUndefined();
  });

  it('names no protocol for numbers that are counts, sums or prices', () => {
    for (const text of ['what is 500 x 25', 'we mailed 450 subscribers yesterday', 'I was charged 450 dollars for the invoice']) {
      expect(nlu.classify(text).entities.otherProtocol, text).toBeUndefined();
      expect(nlu.classify(text).entities.replyCode, text).toBeUndefined();
    }
  });
});
