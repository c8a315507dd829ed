/**
 * Reading the human-readable part of a bounce: which addresses failed and the lines that explain each
 * failure. MTAs word this part differently, but nearly all of them put the failed address at the start
 * of a line (bare, in angle brackets, or followed by a colon) and the remote server's answer next to it.
 */

/** Lengths bounded as RFC 5321 bounds them (local part 64, label 63), which also keeps matching linear. */
const ADDRESS = /[A-Za-z0-9._%+!=#$&'*\/?^`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?){0,8}/g;

/** Addresses that send or relay bounces, never the failed recipient. */
const DAEMON_LOCAL = /^(?:mailer-daemon|mail-daemon|maildaemon|mailer_daemon|postmaster-daemon|mdaemon|no-?reply|bounces?|daemon)$/i;

/** The envelope sender and recipient as SMTP transcripts and MTA logs quote them. */
const SENDER_FIELD = /(?:MAIL\s+FROM|envelope-from|envelope sender)\s*:?\s*<([^<>\s]+@[^<>\s]+)>/gi;
const RCPT_FIELD = /RCPT\s+TO\s*:\s*<([^<>\s]+@[^<>\s]+)>/gi;

/** Separator lines that announce the copy of the original message ("----- Original message -----"). */
const SEPARATOR = /^(?:[-=*_]{2}|\[)/;
const COPY_WORDS = /original|returned|undelivered|unsent|copy of|headers? of|message headers?|message follows|rfc822/i;
/** Marker lines without separators ("Original message follows.", "Below this line is a copy of the message."). */
const BARE_MARKER = /^(?:original message(?: follows)?|below this line is a copy of the message)\s*[:.]?$|this is a copy of the message/i;

function isOriginalMarker(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed.length > 160) return false;
  return (SEPARATOR.test(trimmed) && COPY_WORDS.test(trimmed)) || BARE_MARKER.test(trimmed);
}

/** Returns the bounce's own text and the copied original message, split at the first copy marker. */
export function splitOriginal(text: string): { bounce: string; original: string } {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (isOriginalMarker(lines[i] ?? '')) {
      return { bounce: lines.slice(0, i).join('\n'), original: lines.slice(i + 1).join('\n') };
    }
  }
  return { bounce: text, original: '' };
}

/** Every address in the text, in order of first appearance, lower-cased domain. */
export function addressesIn(text: string): string[] {
  // Most lines of a bounce name no address; the pattern needs an '@'.
  if (!text.includes('@')) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const m of text.matchAll(ADDRESS)) {
    const before = text.slice(Math.max(0, (m.index ?? 0) - 12), m.index ?? 0);
    if (/(?:message-id|in-reply-to|references):?\s*<?$|\/\/[^\s]*$|[?&=]$/i.test(before)) continue;
    const address = normalise(m[0]);
    if (!address || seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    out.push(address);
  }
  return out;
}

/** An address that is empty, excluded, a sender's or a mail daemon's is never a failed recipient. */
function skipped(address: string, exclude: Set<string>, senders: Set<string>): boolean {
  const key = address.toLowerCase();
  return !key || exclude.has(key) || senders.has(key) || DAEMON_LOCAL.test(key.split('@')[0] ?? '');
}

/** Adds an address under its lower-cased form unless it is there or the list is full. */
function addOnce(list: Map<string, string>, address: string, limit: number): void {
  const key = address.toLowerCase();
  if (!list.has(key) && list.size < limit) list.set(key, address);
}

/** Failed recipients named in the bounce text, excluding the sender and mail daemons. */
export function findRecipients(bounce: string, exclude: Set<string>, limit: number): string[] {
  // Both envelope fields quote an address in angle brackets; a chat message rarely has one.
  const quoted = bounce.includes('<');
  const senders = new Set(quoted ? [...bounce.matchAll(SENDER_FIELD)].map((m) => normalise(m[1] ?? '').toLowerCase()) : []);
  // Maps keep first-seen order and dedupe case-insensitively.
  const lineStart = new Map<string, string>();
  const anywhere = new Map<string, string>();
  for (const line of bounce.split('\n')) {
    for (const address of addressesIn(line)) {
      if (skipped(address, exclude, senders)) continue;
      addOnce(anywhere, address, limit);
      if (startsWithAddress(line, address)) addOnce(lineStart, address, limit);
    }
  }
  for (const m of quoted ? bounce.matchAll(RCPT_FIELD) : []) {
    const address = normalise(m[1] ?? '');
    if (!skipped(address, exclude, senders)) addOnce(lineStart, address, limit);
  }
  return lineStart.size > 0 ? [...lineStart.values()] : [...anywhere.values()].slice(0, 1);
}

/** A text split into lines once, with a lower-cased copy for address lookups. */
export interface Lines {
  lines: string[];
  lowered: string[];
}

/** Splits a text for repeated `errorBlock` calls. */
export function toLines(text: string): Lines {
  const lines = text.split('\n');
  return { lines, lowered: lines.map((line) => line.toLowerCase()) };
}

/** The lines that explain one recipient's failure: its paragraph, then every other line that names it. */
export function errorBlock({ lines, lowered }: Lines, address: string): string {
  const key = address.toLowerCase();
  const hits: number[] = [];
  lowered.forEach((line, i) => {
    if (line.includes(key)) hits.push(i);
  });
  const first = hits.find((i) => startsWithAddress(lines[i] ?? '', address)) ?? hits[0];
  if (first === undefined) return '';
  const block: string[] = [];
  let i = first;
  for (; i < lines.length && block.length < 20; i++) {
    const line = lines[i] ?? '';
    if (i > first && line.trim() === '' && block.some((l, n) => n > 0 && l.trim() !== '')) break;
    if (i > first && startsWithAddress(line, '') && !(lowered[i] ?? '').includes(key)) break;
    block.push(line);
  }
  const others = hits.filter((h) => h < first || h >= i).map((h) => withContinuation(lines, h));
  return [...block, ...others].join('\n');
}

function withContinuation(lines: string[], index: number): string {
  const out = [lines[index] ?? ''];
  for (let i = index + 1; i < lines.length && i < index + 4; i++) {
    const line = lines[i] ?? '';
    if (!/^[ \t]+\S/.test(line)) break;
    out.push(line);
  }
  return out.join('\n');
}

/** True when the line begins with an address (any address when `address` is ''). */
function startsWithAddress(line: string, address: string): boolean {
  const m = /^\s*(?:\d{3}[ -]|[-*>]+\s*|(?:to|recipient|rcpt|address|failed|user)\w*\s*:?\s*)?["'<(]*([^\s<>"'():,;]+@[^\s<>"'():,;]*[^\s<>"'():,;.])[>"')]*(?:[:,.;]|\.{3}|\s|$)/i.exec(line);
  if (!m) return false;
  return address === '' || normalise(m[1] ?? '').toLowerCase() === address.toLowerCase();
}

function normalise(address: string): string {
  const trimmed = address.replace(/^[.'`=+-]+|[.'`]+$/g, '');
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return '';
  return trimmed.slice(0, at) + '@' + trimmed.slice(at + 1).toLowerCase();
}

/** Enough of HTML-to-text for bounce notices sent only as HTML: drop tags, keep line breaks, undo entities. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(?:script|style)[\s\S]*?<\/(?:script|style)>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(?:p|div|tr|li|h\d)>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}
