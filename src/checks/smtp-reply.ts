/**
 * Reading an SMTP reply as it arrives (RFC 5321 §4.2): lines of `NNN-text` continue, `NNN text` ends it.
 * Shared by the Node and Workers greeting readers so both accept and reject the same bytes.
 */
import { CheckError, reasons, type SmtpGreeting } from './types.js';

/** Bigger than any sane greeting; a server sending more is not speaking SMTP. */
const MAX_REPLY_CHARS = 4096;
const LINE = /^(\d{3})([ -]?)(.*)$/;

/**
 * The complete reply at the start of `received`, or undefined while more text is needed.
 * Throws a `CheckError` when the text cannot be an SMTP reply.
 */
export function parseSmtpReply(received: string): SmtpGreeting | undefined {
  const lines = received.split('\n');
  const complete = lines.slice(0, -1).map((line) => line.replace(/\r$/, ''));
  const texts: string[] = [];
  let code: number | undefined;
  for (const line of complete) {
    const match = LINE.exec(line);
    if (!match || (code !== undefined && Number(match[1]) !== code)) throw new CheckError('bad_reply', reasons.badGreeting);
    code = Number(match[1]);
    texts.push(`${match[1]} ${match[3] ?? ''}`.trimEnd());
    if (match[2] !== '-') return { code, lines: texts };
  }
  if (received.length > MAX_REPLY_CHARS) throw new CheckError('bad_reply', reasons.badGreeting);
  return undefined;
}
