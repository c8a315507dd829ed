import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../../scripts/eval-bounces.js';
import { mayHoldCode, parseBounce } from '../../src/bounce/index.js';
import { delayNotice, EXIM_DEFER, MIXED_DSN, POSTFIX_DEFERRED } from './samples.js';
import { GMAIL_DELAY, OUTLOOK_NDR, QMAIL_TOO_MANY, SENDMAIL_TRANSCRIPT } from './text-samples.js';

const codesOf = (text: string) => parseBounce(text).recipients.filter((r) => r.replyCode || r.enhancedStatus);

/** Turns every code start into "3" until none is left, and renames the transfer-encoding header (no decoding). */
function defang(text: string): string {
  let out = text.replace(/content-transfer-encoding/gi, 'X-Transfer');
  while (/[245][\d.]/.test(out)) out = out.replace(/[245](?=[\d.])/g, '3');
  return out;
}

const HEADERS = 'From: MAILER-DAEMON@example.net\nTo: me@example.org\nSubject: Undelivered Mail Returned to Sender\n';

describe('mayHoldCode', () => {
  it('is true for every sample that carries a code', () => {
    const samples = [delayNotice(), EXIM_DEFER, MIXED_DSN, POSTFIX_DEFERRED, GMAIL_DELAY, OUTLOOK_NDR, QMAIL_TOO_MANY, SENDMAIL_TRANSCRIPT, '421 busy'];
    const withCodes = samples.filter((text) => codesOf(text).length > 0);
    expect(withCodes.length).toBeGreaterThan(5);
    for (const text of withCodes) expect(mayHoldCode(text)).toBe(true);
  });

  it('stays true for encoded bodies, whose raw text shows no code', () => {
    const base64 = `${HEADERS}Content-Transfer-Encoding: base64\n\nIDQyMSA0LjcuMCBzZXJ2ZXIgbGF0ZXIgcGxlYXNl\n`;
    const quoted = `${HEADERS}Content-Transfer-Encoding: quoted-printable\n\n=34=32=31 =34=2E7=2E0 try later\n`;
    for (const text of [base64, quoted]) {
      expect(/[245][\d.]/.test(text)).toBe(false);
      expect(codesOf(text)[0]).toMatchObject({ replyCode: '421', enhancedStatus: '4.7.0' });
      expect(mayHoldCode(text)).toBe(true);
    }
  });

  it('is false only where the parser finds no code: every corpus bounce with its codes defanged', () => {
    const files = readdirSync(CORPUS_DIR).filter((name) => name.endsWith('.eml'));
    expect(files.length).toBeGreaterThan(200);
    for (const name of files) {
      const text = defang(readFileSync(join(CORPUS_DIR, name), 'utf8'));
      expect(mayHoldCode(text), name).toBe(false);
      expect(codesOf(text), name).toEqual([]);
    }
  });

  it('is false only where the parser finds no code: generated bounce-like text', () => {
    const pieces = [
      '421', '4.7.0', '550 5.1.1', '2.0.0', '4', '2', '5', '.', '1', '0', '42', '4 21', '4\r\n21', '4\n 21', '4<b>21', '4&amp;2',
      '=34', '=2E', ' ', '\n', '\r', '\t', ':', ';', '(', ')', '<', '>', '"', 'said:', 'smtp;', 'dsn=', 'status=deferred',
      'to=<bob@example.com>,', '== bob@example.org R=dnslookup defer (-44):', '** bob@example.org', 'relay=mx.example.com[192.0.2.1]:25',
      HEADERS, 'Content-Type: multipart/report; boundary="b1"\n', '\n--b1\n', 'Content-Type: message/delivery-status\n\n',
      'Content-Type: text/html\n\n', '<p>', '</p>', '<br>', 'Final-Recipient: rfc822; bob@example.com\n', 'Action: delayed\n',
      'Status: ', 'Diagnostic-Code: smtp; ', '----- Original message -----\n', 'host mx.example.com[192.0.2.1] said: ',
      'try again later', 'x'.repeat(1000),
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        if (!mayHoldCode(text)) expect(codesOf(text)).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });
});
