import { describe, expect, it } from 'vitest';
import { parseBounce } from '../../src/bounce/index.js';
import {
  EXIM_DELAY_WARNING,
  EXIM_RETRY_TIMEOUT,
  GMAIL_DELAY,
  OUTLOOK_NDR,
  PASTED_POSTFIX_BODY,
  QMAIL_TOO_MANY,
  SENDMAIL_TRANSCRIPT,
  YAHOO_COLON_CODE,
} from './text-samples.js';

function fields(text: string) {
  return parseBounce(text).recipients.map((r) => ({
    address: r.address,
    replyCode: r.replyCode,
    enhancedStatus: r.enhancedStatus,
    temporary: r.temporary,
    remoteHost: r.remoteHost,
    variation: r.variation,
  }));
}

describe('parseBounce: plain-text bounces outside the corpus', () => {
  it('reads a Gmail delay notice as a temporary policy deferral', () => {
    expect(fields(GMAIL_DELAY)).toEqual([
      { address: 'bob@example.org', replyCode: '421', enhancedStatus: '4.7.0', temporary: true, remoteHost: '', variation: 'policy' },
    ]);
  });

  it('reads an Exim delay warning with greylisting', () => {
    expect(fields(EXIM_DELAY_WARNING)).toEqual([
      { address: 'dan@example.com', replyCode: '451', enhancedStatus: '4.7.1', temporary: true, remoteHost: 'mx.example.com', variation: 'policy' },
    ]);
    expect(parseBounce(EXIM_DELAY_WARNING).recipients[0]!.reason).toBe('greylisted');
  });

  it('reads an Outlook non-delivery report', () => {
    expect(fields(OUTLOOK_NDR)).toEqual([
      { address: 'frank@fabrikam.example', replyCode: '550', enhancedStatus: '5.1.10', temporary: false, remoteHost: '', variation: null },
    ]);
  });

  it('follows the code, not the boilerplate, in a qmail bounce that calls a 421 permanent', () => {
    expect(fields(QMAIL_TOO_MANY)).toEqual([
      { address: 'gina@example.org', replyCode: '421', enhancedStatus: '4.4.5', temporary: true, remoteHost: '192.0.2.60', variation: 'connection' },
    ]);
  });

  it('reads a pasted Postfix bounce body without headers', () => {
    expect(fields(PASTED_POSTFIX_BODY)).toEqual([
      { address: 'ivan@example.com', replyCode: '421', enhancedStatus: '4.3.2', temporary: true, remoteHost: 'mx2.example.com', variation: 'resource' },
    ]);
  });

  it('prefers the remote answer in a Sendmail transcript and skips the envelope sender', () => {
    expect(fields(SENDMAIL_TRANSCRIPT)).toEqual([
      { address: 'judy@example.org', replyCode: '554', enhancedStatus: '5.7.1', temporary: false, remoteHost: 'mx.example.org', variation: null },
    ]);
    expect(parseBounce(SENDMAIL_TRANSCRIPT).recipients[0]!.reason).toBe('blocked');
  });

  it('reads a reply code written as "554:"', () => {
    expect(fields(YAHOO_COLON_CODE)).toEqual([
      { address: 'someone@yahoo.com', replyCode: '554', enhancedStatus: '', temporary: false, remoteHost: '', variation: null },
    ]);
  });

  it('reads an Exim retry timeout after 421 deferrals as temporary, expired', () => {
    const [r] = parseBounce(EXIM_RETRY_TIMEOUT).recipients;
    expect(r).toMatchObject({ address: 'user@example.com', replyCode: '421', enhancedStatus: '4.7.0', temporary: true, remoteHost: 'mx.example.com', reason: 'expired', variation: 'policy' });
  });

  it('finds the code in a chat message that quotes it', () => {
    expect(fields('my mails to bob@example.org bounce with 421 4.4.2 timeout exceeded')).toEqual([
      { address: 'bob@example.org', replyCode: '421', enhancedStatus: '4.4.2', temporary: true, remoteHost: '', variation: 'connection' },
    ]);
    expect(fields('I got this: 550 5.7.1 Service unavailable, Client host [192.0.2.1] blocked using Spamhaus')[0]).toMatchObject({
      address: '',
      replyCode: '550',
      temporary: false,
    });
  });
});
