import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../../scripts/eval-bounces.js';
import { parseBounce } from '../../src/bounce/index.js';
import { delayNotice, EXIM_DEFER, MIXED_DSN, POSTFIX_DEFERRED } from './samples.js';
import { GMAIL_DELAY, OUTLOOK_NDR, QMAIL_TOO_MANY, SENDMAIL_TRANSCRIPT } from './text-samples.js';

describe('parseBounce without reasons', () => {
  it('reads everything else as the full parse does, on every corpus bounce and sample', () => {
    const files = readdirSync(CORPUS_DIR).filter((name) => name.endsWith('.eml'));
    const texts = [
      ...files.map((name) => readFileSync(join(CORPUS_DIR, name), 'utf8')),
      ...[delayNotice(), EXIM_DEFER, MIXED_DSN, POSTFIX_DEFERRED, GMAIL_DELAY, OUTLOOK_NDR, QMAIL_TOO_MANY, SENDMAIL_TRANSCRIPT],
      '421 4.7.0 try again later',
      'mail to bob@example.org bounced: 550 5.1.1 user unknown',
    ];
    expect(texts.length).toBeGreaterThan(100);
    for (const text of texts) {
      const full = parseBounce(text).recipients.map((r) => ({ ...r, reason: '' }));
      expect(parseBounce(text, { reasons: false }).recipients).toEqual(full);
    }
  });
});
