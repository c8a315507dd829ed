/**
 * A small, forgiving MIME reader for bounce messages: enough to reach the human-readable text, the
 * message/delivery-status block and the headers of the returned message. It never throws on bad input,
 * because pasted bounces are often truncated or re-wrapped by mail clients.
 */

/** Header names are lower-cased; a repeated header keeps every value in order. */
export type HeaderMap = Map<string, string[]>;

/** One leaf part of a message, decoded to text. */
export interface MimeLeaf {
  /** Lower-cased media type, e.g. `text/plain`, `message/delivery-status`. */
  type: string;
  text: string;
  /** True inside a returned original message (message/rfc822, text/rfc822-headers). */
  original: boolean;
}

export interface ParsedMessage {
  headers: HeaderMap;
  leaves: MimeLeaf[];
}

const MAX_DEPTH = 8;
const HEADER_LINE = /^[!-9;-~]+:/;
/** A pasted DSN block also looks like headers; only these names make the text a mail message. */
const MAIL_HEADERS = new Set(['from', 'to', 'subject', 'date', 'received', 'content-type', 'mime-version', 'message-id', 'return-path']);

/** Splits a raw message into headers and decoded leaf parts. Input without a header block is one text leaf. */
export function parseMessage(raw: string): ParsedMessage {
  const text = raw.replace(/\r\n?/g, '\n');
  const { headers, body, hasHeaders } = splitHeaders(text);
  if (!hasHeaders || ![...headers.keys()].some((name) => MAIL_HEADERS.has(name))) return { headers: new Map(), leaves: [{ type: 'text/plain', text, original: false }] };
  const leaves: MimeLeaf[] = [];
  collectLeaves(headers, body, false, 0, leaves);
  return { headers, leaves };
}

/** First value of a header, unfolded, or ''. */
export function headerValue(headers: HeaderMap, name: string): string {
  return headers.get(name.toLowerCase())?.[0] ?? '';
}

/** Adds a header's value (trimmed) under its name; no name, nothing to add. */
function addHeader(headers: HeaderMap, name: string, value: string): void {
  if (!name) return;
  const values = headers.get(name);
  if (values) values.push(value.trim());
  else headers.set(name, [value.trim()]);
}

/** Reads a header block from the first line; the body starts after a blank line or at the first non-header line. */
export function splitHeaders(text: string): { headers: HeaderMap; body: string; hasHeaders: boolean } {
  const headers: HeaderMap = new Map();
  const lines = text.split('\n');
  let name = '';
  let value = '';
  let i = /^From /.test(lines[0] ?? '') ? 1 : 0;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      i++;
      break;
    }
    if (/^[ \t]/.test(line) && name) {
      value += ' ' + line.trim();
      continue;
    }
    if (!HEADER_LINE.test(line)) break;
    addHeader(headers, name, value);
    const colon = line.indexOf(':');
    name = line.slice(0, colon).trim().toLowerCase();
    value = line.slice(colon + 1);
  }
  addHeader(headers, name, value);
  if (headers.size === 0) return { headers, body: text, hasHeaders: false };
  return { headers, body: lines.slice(i).join('\n'), hasHeaders: true };
}

/** Reads `type/subtype; key=value` into a lower-cased type and parameters. */
function parseContentType(value: string): { type: string; params: Map<string, string> } {
  const [first = '', ...rest] = value.split(';');
  const params = new Map<string, string>();
  for (const piece of rest) {
    const eq = piece.indexOf('=');
    if (eq < 0) continue;
    const key = piece.slice(0, eq).trim().toLowerCase();
    params.set(key, piece.slice(eq + 1).trim().replace(/^"(.*)"$/s, '$1'));
  }
  return { type: first.trim().toLowerCase() || 'text/plain', params };
}

function collectLeaves(headers: HeaderMap, body: string, original: boolean, depth: number, out: MimeLeaf[]): void {
  const { type, params } = parseContentType(headerValue(headers, 'content-type'));
  const boundary = params.get('boundary') || (type.startsWith('multipart/') ? guessBoundary(body) : undefined);
  if (type.startsWith('multipart/') && boundary && depth < MAX_DEPTH) {
    for (const part of splitMultipart(body, boundary)) {
      const inner = splitHeaders(part);
      collectLeaves(inner.headers, inner.hasHeaders ? inner.body : part, original, depth + 1, out);
    }
    return;
  }
  const decoded = decodeBody(body, headerValue(headers, 'content-transfer-encoding'), params.get('charset') ?? '');
  if ((type === 'message/rfc822' || type === 'message/global') && depth < MAX_DEPTH) {
    const inner = splitHeaders(decoded.replace(/^\n+/, ''));
    out.push({ type: 'text/rfc822-headers', text: decoded, original: true });
    if (inner.hasHeaders) collectLeaves(inner.headers, inner.body, true, depth + 1, out);
    return;
  }
  const isOriginal = original || type === 'text/rfc822-headers';
  out.push({ type, text: decoded, original: isOriginal });
}

/** Mail clients sometimes break the header fold, losing the boundary parameter: take the first delimiter line. */
function guessBoundary(body: string): string | undefined {
  return /^--([^\s]{6,})[ \t]*$/m.exec(body)?.[1];
}

function splitMultipart(body: string, boundary: string): string[] {
  const marker = '--' + boundary;
  const parts: string[] = [];
  const lines = body.split('\n');
  let current: string[] | null = null;
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (trimmed === marker || trimmed === marker + '--') {
      if (current) parts.push(current.join('\n'));
      current = trimmed === marker ? [] : null;
      if (!current) break;
      continue;
    }
    current?.push(line);
  }
  if (current && current.length > 0) parts.push(current.join('\n'));
  return parts.length > 0 ? parts : [body];
}

/** Undoes base64 / quoted-printable and the charset; unknown encodings pass through unchanged. */
function decodeBody(body: string, encoding: string, charset: string): string {
  const enc = encoding.trim().toLowerCase();
  if (enc === 'base64') return bytesToText(base64ToBytes(body), charset);
  if (enc === 'quoted-printable') return bytesToText(quotedPrintableToBytes(body), charset);
  return body;
}

function base64ToBytes(text: string): Uint8Array {
  const clean = text.replace(/[^A-Za-z0-9+/]/g, '');
  const usable = clean.slice(0, clean.length - (clean.length % 4 === 1 ? 1 : 0));
  const padded = usable + '='.repeat((4 - (usable.length % 4)) % 4);
  try {
    const binary = atob(padded);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return new TextEncoder().encode(text);
  }
}

function quotedPrintableToBytes(text: string): Uint8Array {
  const joined = text.replace(/=[ \t]*\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const ch = joined.charCodeAt(i);
    if (ch === 61 && /^[0-9A-Fa-f]{2}$/.test(joined.slice(i + 1, i + 3))) {
      out.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (ch < 128) {
      out.push(ch);
    } else {
      out.push(...new TextEncoder().encode(joined[i] ?? ''));
    }
  }
  return Uint8Array.from(out);
}

function bytesToText(bytes: Uint8Array, charset: string): string {
  const label = charset.trim().toLowerCase() || 'utf-8';
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** Decodes RFC 2047 encoded words (`=?utf-8?B?...?=`) in a header value; bad words are left as they are. */
export function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*/g, (whole, charset: string, kind: string, data: string) => {
    const bytes = kind.toUpperCase() === 'B' ? base64ToBytes(data) : quotedPrintableToBytes(data.replace(/_/g, ' '));
    return bytes.length > 0 ? bytesToText(bytes, charset) : whole;
  });
}
