import { describe, expect, it } from 'vitest';
import { parseBounce } from '../../src/bounce/index.js';
import {
  delayNotice,
  EXIM_DEFER,
  EXIM_FAIL,
  GMAIL_CONTINUATION,
  MIXED_DSN,
  POSTFIX_BOUNCED,
  POSTFIX_CONNECT_TIMEOUT,
  POSTFIX_DEFERRED,
} from './samples.js';

function only(text: string) {
  const { recipients } = parseBounce(text);
  expect(recipients).toHaveLength(1);
  return recipients[0]!;
}

describe('parseBounce: log lines', () => {
  it('reads a Postfix deferral with the remote 421 reply', () => {
    expect(only(POSTFIX_DEFERRED)).toMatchObject({
      address: 'jane@gmail.com',
      replyCode: '421',
      enhancedStatus: '4.7.0',
      temporary: true,
      remoteHost: 'gmail-smtp-in.l.google.com',
      variation: 'policy',
    });
  });

  it('reads a Postfix connection timeout: no reply code, host from "connect to"', () => {
    expect(only(POSTFIX_CONNECT_TIMEOUT)).toMatchObject({
      address: 'ops@example.com',
      replyCode: '',
      enhancedStatus: '4.4.1',
      temporary: true,
      remoteHost: 'mx.example.com',
      reason: 'networkerror',
      variation: 'connection',
    });
  });

  it('reads a Postfix bounce as permanent', () => {
    expect(only(POSTFIX_BOUNCED)).toMatchObject({
      address: 'nobody@example.org',
      replyCode: '550',
      enhancedStatus: '5.1.1',
      temporary: false,
      remoteHost: 'mx.example.org',
      reason: 'userunknown',
      variation: null,
    });
  });

  it('reads an Exim defer line', () => {
    expect(only(EXIM_DEFER)).toMatchObject({
      address: 'bob@example.org',
      replyCode: '421',
      enhancedStatus: '4.3.2',
      temporary: true,
      remoteHost: 'mx1.example.org',
      variation: 'resource',
    });
  });

  it('reads an Exim failure line', () => {
    expect(only(EXIM_FAIL)).toMatchObject({ address: 'carol@example.net', replyCode: '550', temporary: false, remoteHost: 'mx.example.net' });
  });

  it('reads several log lines as several recipients', () => {
    const { recipients } = parseBounce([POSTFIX_DEFERRED, 'Nov 30 03:00:02 mail postfix/qmgr[99]: 4F1A2B3C: removed', EXIM_FAIL].join('\n'));
    expect(recipients.map((r) => [r.address, r.temporary])).toEqual([
      ['jane@gmail.com', true],
      ['carol@example.net', false],
    ]);
  });
});

describe('parseBounce: repeated log lines', () => {
  it('keeps one answer per address, from its latest attempt', () => {
    const retried = POSTFIX_DEFERRED.replace('jane@gmail.com', 'nobody@example.org');
    const { recipients } = parseBounce([retried, retried, POSTFIX_BOUNCED].join('\n'));
    expect(recipients).toHaveLength(1);
    expect(recipients[0]).toMatchObject({ address: 'nobody@example.org', replyCode: '550', temporary: false });
  });
});

describe('parseBounce: bare replies', () => {
  it('reads "421 4.7.0 Try again later"', () => {
    expect(only('421 4.7.0 Try again later')).toMatchObject({ address: '', replyCode: '421', enhancedStatus: '4.7.0', temporary: true, variation: 'policy' });
  });

  it('reads the 421-4.7.0 continuation form once', () => {
    expect(only(GMAIL_CONTINUATION)).toMatchObject({ replyCode: '421', enhancedStatus: '4.7.0', temporary: true, variation: 'policy' });
  });

  it('places code-less 421 texts by their words', () => {
    expect(only('421 Greylisting enabled, please try later')).toMatchObject({ temporary: true, reason: 'greylisted', variation: 'policy' });
    expect(only('421 Too many connections from your host').variation).toBe('connection');
    expect(only('421 Server busy, try again later').variation).toBe('resource');
    expect(only('421 Unexpected failure, please try later').variation).toBe('downstream');
  });

  it('treats a bare 5xx as permanent with no variation', () => {
    expect(only('550 5.7.1 Message rejected as spam')).toMatchObject({ temporary: false, variation: null, enhancedStatus: '5.7.1' });
  });
});

describe('parseBounce: RFC 3464 notifications', () => {
  it('reads a delay warning with quoted-printable text and a base64 status part as temporary', () => {
    expect(only(delayNotice())).toMatchObject({
      address: 'dave@example.com',
      replyCode: '421',
      enhancedStatus: '4.4.1',
      temporary: true,
      remoteHost: 'mx.example.com',
      variation: 'connection',
    });
  });

  it('keeps per-recipient groups apart', () => {
    const { recipients } = parseBounce(MIXED_DSN);
    expect(recipients.map((r) => [r.address, r.replyCode, r.enhancedStatus, r.temporary, r.remoteHost, r.variation])).toEqual([
      ['gone@example.org', '550', '5.1.1', false, 'mx.example.org', null],
      ['busy@example.com', '452', '4.2.2', true, 'mx.example.com', 'resource'],
    ]);
    expect(recipients[1]!.reason).toBe('mailboxfull');
  });
});

describe('parseBounce: bad input', () => {
  it('returns no recipients for empty, blank and chatty input', () => {
    expect(parseBounce('').recipients).toEqual([]);
    expect(parseBounce(' \n\t\n').recipients).toEqual([]);
    expect(parseBounce('hello, my emails to gmail keep coming back, can you help?').recipients).toEqual([]);
  });

  it('survives binary garbage and broken MIME', () => {
    const garbage = Array.from({ length: 4000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('');
    expect(() => parseBounce(garbage)).not.toThrow();
    const broken = 'From: a@b\nContent-Type: multipart/report; boundary="nope"\n\n--nope\nContent-Type: message/delivery-status\nContent-Transfer-Encoding: base64\n\n!!!!';
    expect(parseBounce(broken).recipients).toEqual([]);
  });

  it('reads a 64 KB bounce whose useful part is followed by a large original', () => {
    const filler = 'X-Filler: ' + 'a'.repeat(70);
    const big = [MIXED_DSN.replace('--XYZ--', '--XYZ\nContent-Type: text/rfc822-headers\n\n' + Array(900).fill(filler).join('\n') + '\n--XYZ--')].join('');
    expect(big.length).toBeGreaterThan(64 * 1024);
    expect(parseBounce(big).recipients.map((r) => r.address)).toEqual(['gone@example.org', 'busy@example.com']);
  });
});
