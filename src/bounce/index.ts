/**
 * The bounce explainer: reads a pasted bounce (RFC 3464 DSN or an MTA's plain-text bounce), a delay
 * warning, a Postfix/Exim log line or a bare SMTP reply, and says for each failed recipient what the codes
 * are, whether the failure is temporary, which server refused and why.
 */
import type { BounceRecipient, BounceReport } from './types.js';
import { cleanAddress, hasDsnFields, parseDsn, type DsnReport } from './dsn.js';
import { cleanHost, findAttemptedHost, findRemoteHost, receivedByHost } from './host.js';
import { parseLogLines, type LogEntry } from './log-line.js';
import { decodeWords, headerValue, parseMessage, splitHeaders, type MimeLeaf, type ParsedMessage } from './mime.js';
import { addressesIn, errorBlock, findRecipients, htmlToText, splitOriginal, toLines } from './plain-text.js';
import { buildRecipient, type Evidence } from './recipient.js';
import { findEnhancedStatus, findReply, findReplyCode } from './codes.js';

export type { BounceRecipient, BounceReport } from './types.js';
export { variationOf } from './variation.js';

/** Inputs past this size are cut: a bounce's useful part is at its start, and parsing stays bounded. */
const MAX_INPUT = 256 * 1024;

/** A bounce lists a handful of recipients; past this many the rest are dropped so the work stays bounded. */
const MAX_RECIPIENTS = 100;

/** RFC 5322 caps a line at 998 characters; longer unbroken runs carry nothing we read and would slow matching. */
const MAX_TOKEN = 998;
const LONG_TOKEN = /(?<!\S)\S{999,}/g;

const DELAY_SUBJECT = /delay|warning|still being retried|not (?:yet )?(?:been )?delivered|retrying/i;
const DELAY_BODY = /warning message only|do not need to resend|will (?:continue to )?be retried|still (?:being )?retr(?:y|ied)|has been delayed|delivery (?:has been |is )?delayed|not yet been delivered/i;

/** A class digit (2, 4, 5) followed by a digit or a dot: how every reply code and enhanced status code begins. */
const CODE_START = /[245][\d.]/;
/** Only a body under this header is decoded (base64, quoted-printable) and may then show codes the raw text hides. */
const ENCODED_BODY = /content-transfer-encoding/i;

/**
 * False when no recipient of `parseBounce(text)` can carry a reply code or enhanced status, so callers that want
 * only codes need not parse: most chat messages ("yes it worked") are not bounces. Why it holds: codes are read by
 * patterns that need `CODE_START`, from pieces of the input joined or padded with whitespace or punctuation, never with
 * digits or dots; the only text not taken from the input is a decoded body, and header names are ASCII.
 */
export function mayHoldCode(text: string): boolean {
  return CODE_START.test(text) || ENCODED_BODY.test(text);
}

/**
 * What a caller reads besides codes, host and variation. `reasons`: each recipient's reason category. Reading one tries
 * up to 37 phrase patterns on the recipient's text (twice when the first reading finds none), and the chat engine never
 * looks at it; without it, `reason` is ''.
 */
export interface ParseOptions {
  reasons: boolean;
}

const EVERYTHING: ParseOptions = { reasons: true };

/** Explains a bounce, delay notice, log line or bare SMTP reply. Never throws; unknown input gives no recipients. */
export function parseBounce(text: string, options: ParseOptions = EVERYTHING): BounceReport {
  if (typeof text !== 'string' || text.trim() === '') return { recipients: [] };
  const cut = text.length > MAX_INPUT ? text.slice(0, MAX_INPUT) : text;
  const input = cut.length > MAX_TOKEN ? cut.replace(LONG_TOKEN, (token) => token.slice(0, MAX_TOKEN)) : cut;
  const message = parseMessage(input);
  if (message.headers.size === 0) {
    const logs = parseLogLines(input.replace(/\r\n?/g, '\n'));
    if (logs.length > 0) return { recipients: logs.slice(0, MAX_RECIPIENTS).map((entry) => buildRecipient(logEvidence(entry), options.reasons)) };
  }
  return { recipients: explainMessage(message, options.reasons) };
}

/** What a log line says of its recipient, as evidence: a bounced line is permanent unless its codes say otherwise. */
function logEvidence(entry: LogEntry): Evidence {
  const { address, text, enhancedStatus, remoteHost, deferred } = entry;
  return { address, text, enhancedStatus, remoteHost, delayed: deferred, permanentHint: !deferred };
}

/** A mail message: DSN fields when it has them, otherwise its human-readable text. */
function explainMessage(message: ParsedMessage, reasons: boolean): BounceRecipient[] {
  const own = message.leaves.filter((leaf) => !leaf.original);
  const texts = own.filter((leaf) => leaf.type.startsWith('text/') && leaf.type !== 'text/rfc822-headers');
  const plainLeaves = texts.some((leaf) => leaf.type === 'text/plain') ? texts.filter((leaf) => leaf.type !== 'text/html') : texts;
  const plain = plainLeaves.map((leaf) => (leaf.type === 'text/html' ? htmlToText(leaf.text) : leaf.text)).join('\n\n');
  const { bounce, original } = splitOriginal(plain);
  const dsn = parseDsn(statusText(own) || (hasDsnFields(bounce) ? bounce : '') || statusText(message.leaves));
  const subject = decodeWords(headerValue(message.headers, 'subject'));
  const delayedMessage = DELAY_SUBJECT.test(subject) || DELAY_BODY.test(bounce);
  const originalText = [original, ...message.leaves.filter((leaf) => leaf.original).map((leaf) => leaf.text)].join('\n');
  const reporter = receivedByHost(message.headers.get('received') ?? []);
  const fromDsn = dsn.recipients.length > 0 ? explainDsn(dsn, bounce, delayedMessage, reporter, reasons) : [];
  if (fromDsn.length > 0) return fromDsn;
  const failed = (message.headers.get('x-failed-recipients') ?? []).flatMap((v) => addressesIn(v));
  const returned = message.headers.size > 0 && !delayedMessage;
  return explainText(bounce, excludedAddresses(message, originalText), originalText, { delayed: delayedMessage, returned, failed, reporter, reasons });
}

/** The delivery-status parts; a bounce that was forwarded keeps its own inside the attached message. */
function statusText(leaves: MimeLeaf[]): string {
  return leaves.filter((leaf) => leaf.type.includes('delivery-status')).map((leaf) => leaf.text).join('\n\n');
}

/** The remote server's own code is more specific than the reporting MTA's summary, when both agree on the class. */
function preferDiagnostic(status: string, fromDiagnostic: string): string {
  return fromDiagnostic && (!status || fromDiagnostic[0] === status[0]) ? fromDiagnostic : status;
}

/** One answer per DSN recipient group; the human-readable text fills in what the fields leave out. */
function explainDsn(dsn: DsnReport, bounce: string, delayedMessage: boolean, reporter: string, reasons: boolean): BounceRecipient[] {
  const out: BounceRecipient[] = [];
  const lines = toLines(bounce);
  for (const r of dsn.recipients.slice(0, MAX_RECIPIENTS)) {
    const address = [r.finalRecipient, r.originalRecipient].find((a) => a.includes('@')) || r.finalRecipient || r.originalRecipient;
    const block = address ? errorBlock(lines, address) : '';
    const diagnostic = r.diagnosticCode;
    const quoted = findReply(diagnostic);
    const useful = diagnostic && (quoted.code || findEnhancedStatus(diagnostic) || diagnostic.length > 20);
    const status = findEnhancedStatus(r.status);
    // A bare class (5.0.0) says nothing more; the human-readable text may quote the real code.
    const generic = !status || /^\d\.0\.0$/.test(status);
    const specific = quoted.status || findEnhancedStatus(diagnostic) || (generic ? findReply(block).status : '');
    const evidence: Evidence = {
      address,
      text: useful ? diagnostic : [diagnostic, block].filter(Boolean).join('\n'),
      fallbackText: [block, dsn.recipients.length === 1 ? bounce : ''].join('\n'),
      replyCode: quoted.code,
      enhancedStatus: preferDiagnostic(status, specific),
      remoteHost:
        cleanHost(r.remoteMta) ||
        findRemoteHost(diagnostic) ||
        findRemoteHost(block) ||
        cleanHost(dsn.reportingMta) ||
        reporter ||
        findAttemptedHost(`${diagnostic}\n${block}`),
      delayed: r.action.startsWith('delayed') || (!r.action && delayedMessage),
      returned: r.action.startsWith('failed') || (!r.action && !delayedMessage),
    };
    out.push(buildRecipient(evidence, reasons));
  }
  return out.filter((r) => r.address || r.replyCode || r.enhancedStatus);
}

interface TextContext {
  delayed: boolean;
  /** A returned-mail notice (a mail message that is not a delay warning). */
  returned: boolean;
  /** Addresses an X-Failed-Recipients header names. */
  failed: string[];
  /** The host that wrote the bounce, from its Received headers. */
  reporter: string;
  reasons: boolean;
}

/** A bounce without DSN fields: find the failed addresses in its text and read each one's paragraph. */
function explainText(bounce: string, exclude: Set<string>, originalText: string, ctx: TextContext): BounceRecipient[] {
  let addresses = ctx.failed.length > 0 ? ctx.failed.slice(0, MAX_RECIPIENTS) : findRecipients(bounce, exclude, MAX_RECIPIENTS);
  if (addresses.length === 0) addresses = originalRecipients(originalText, exclude).slice(0, 1);
  const single = addresses.length <= 1;
  if (addresses.length === 0) {
    if (!findReplyCode(bounce) && !findEnhancedStatus(bounce)) return [];
    addresses = [''];
  }
  const lines = toLines(bounce);
  return addresses.map((address) => {
    const block = address ? errorBlock(lines, address) : '';
    const text = block || bounce;
    const evidence: Evidence = {
      address,
      text,
      // Without an address the text is the whole bounce, already searched.
      remoteHost: findRemoteHost(text) || (single && text !== bounce ? findRemoteHost(bounce) : '') || ctx.reporter || findAttemptedHost(single ? bounce : text),
      delayed: ctx.delayed,
      returned: ctx.returned,
    };
    if (single) evidence.fallbackText = bounce;
    return buildRecipient(evidence, ctx.reasons);
  });
}

/** The bounce's own sender and addressee and the original sender are never failed recipients. */
function excludedAddresses(message: ParsedMessage, originalText: string): Set<string> {
  const out = new Set<string>();
  for (const name of ['from', 'to', 'reply-to', 'return-path', 'sender']) {
    for (const value of message.headers.get(name) ?? []) for (const a of addressesIn(value)) out.add(a.toLowerCase());
  }
  const inner = splitHeaders(originalText.replace(/^\s+/, ''));
  for (const name of ['from', 'return-path', 'sender', 'reply-to']) {
    for (const value of inner.headers.get(name) ?? []) for (const a of addressesIn(value)) out.add(a.toLowerCase());
  }
  return out;
}

/** The returned message's To/Cc, used when the bounce text names no address at all. */
function originalRecipients(originalText: string, exclude: Set<string>): string[] {
  const inner = splitHeaders(originalText.replace(/^\s+/, ''));
  const values = [...(inner.headers.get('to') ?? []), ...(inner.headers.get('cc') ?? [])];
  return values.flatMap((v) => addressesIn(v)).map(cleanAddress).filter((a) => !exclude.has(a.toLowerCase()));
}
