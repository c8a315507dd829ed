/**
 * Finds SMTP reply codes ("421", "550-5.7.26") and enhanced status codes ("4.7.0", "#4.4.5", "dsn=4.7.28") in free
 * text. A three-digit number only counts as a reply code when nothing marks it as something else: a count ("450
 * subscribers"), a port, an IP part, a version, or an HTTP / FTP status in a message that never mentions mail.
 */

import { firstMatch, nextMatch } from './matches.js';

/** The codes found in one message. */
export interface FoundCodes {
  /** Reply codes of class 2, 4 or 5 in order of appearance. */
  replyCodes: string[];
  /** Enhanced status codes without '#' or 'dsn=', in order of appearance. */
  enhanced: string[];
  /** "4xx" / "5xx" written as a class. */
  classes: ('4' | '5')[];
  /** The message reads as HTTP / FTP / web and never as mail: its numbers were not taken as codes. */
  webContext: boolean;
  /** A 4xx / 5xx number was read as an FTP or HTTP reply, not taken as a code, and no SMTP failure code was found. */
  otherProtocol?: 'ftp' | 'http';
}

/** Context word lists come from the model data, so they can be tuned without touching code. */
export interface CodeContext {
  mailCues: RegExp;
  webCues: RegExp;
}

/** Reply codes SMTP servers actually send; other numbers in the 4xx / 5xx range (403, 404, 429) are HTTP. */
const SMTP_CODES = new Set(
  '211 214 220 221 235 250 251 252 420 421 422 431 432 441 442 446 447 449 450 451 452 454 455 458 471 500 501 502 503 504 510 511 512 513 521 523 530 534 535 538 541 550 551 552 553 554 555 556 557'.split(' '),
);
const REPLY = /(?<![\w.,:/#$£€=+-])([245][0-5]\d)s?(?![\w]|[.,]\d|:\d)/g;
const ENHANCED = /(?<![\w.])(#|dsn=)?([245])\.(\d{1,3})\.(\d{1,3})(?![\w]|\.\d)/gi;
const CLASS = /\b([45])xx\b/gi;
/**
 * Words after a number that make it a count or a size, not a reply. "messages" only in lower case: Yahoo's
 * replies start "421 Messages from ...".
 */
const COUNT_AFTER =
  /^\s*(?:[x*×+]\s*\d|%|(?:plus|minus|divided|percent|pounds|bucks|calories|miles|km|kg|lbs|degrees|points|followers|likes|views|visitors|hits|people|persons|users|subscribers|recipients|customers|clients|members|contacts|e-?mails|mails|mailboxes|accounts|domains|times|tries|attempts|bytes|kb|mb|gb|ms|sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|days|weeks|words|char(?:acter)?s|lines|pages|dollars|euros|usd|eur|items|orders?|order confirmations|confirmations|invoices|receipts|notifications|reminders|newsletters|rows|px|per|k)\b|\/(?:day|hour|h|min)\b)/i;
const COUNT_AFTER_CASED = /^\s*(?:messages|letters)\b/;
/** HTTP reason phrases and prefixes: "HTTP 503", "421 Misdirected Request" are web replies even in a mail app. */
const HTTP_AFTER =
  /^\s*(?:misdirected request|bad gateway|gateway time-?out|internal server error|too many requests|not found|forbidden|unauthorized|method not allowed|service temporarily unavailable)\b/i;
/**
 * Replies only FTP servers write (Pure-FTPd, vsftpd, RFC 959's "closing control connection"), so "421 Too many
 * connections (10) from this IP" is an FTP reply even when the message names no FTP program.
 */
const FTP_AFTER =
  /^\s*(?:too many connections \(\d+\) from this ip|there are too many connections from your internet address|service not available, closing control connection|no transfer timeout|login incorrect)/i;
const HTTP_BEFORE = /\bhttps?(?:\/[\d.]+)?(?:\s+(?:status|error|code|response))*\s*:?\s*$/i;
const NOT_A_CODE_BEFORE = /(?:\bport|\bid|\border|\binvoice|\bticket|\bpage|\bline|\bversion|\bv|\broom|\bno\.?|\bnumber)\s*$/i;
const VERSION_BEFORE =
  /(?:\bv|\bversion|\bver\.?|\brelease|\bto|\bfrom|\bexim|\bpostfix|\bdovecot|\bphp|\bnode(?:\.?js)?|\bpython|\bwordpress|\bmagento|\bubuntu|\bdebian|\bcentos|\bios|\bandroid|\bmacos|\bcpanel|\bwhm|\broundcube|\bthunderbird|\bnextcloud|\blaravel|\bjava|\bmailcow|\bperl|\bruby)\s*$/i;

/**
 * An FTP or web component named shortly before the number in the same sentence ("ProFTPD logs 421", "the API
 * responds 503"): its reply, even in a message that also talks about mail. An enhanced status after it still counts.
 */
const OTHER_PROTOCOL_BEFORE =
  /\b(?:s?ftps?|proftpd|vsftpd|pure-?ftpd|filezilla|winscp|cyberduck|api|endpoint|webhook|proxy|nginx|apache|cloudflare|load balancer|cdn)\b[^.!?\n]{0,30}$/i;

const URL_PATTERN = /\b(?:https?|ftp):\/\/\S+/gi;

/**
 * True when the message reads as HTTP or FTP and never as mail, so its 4xx / 5xx numbers are not SMTP replies.
 * Links are left out: bounces often point to a postmaster page.
 */
function isWebContext(text: string, ctx: CodeContext): boolean {
  const words = text.replace(URL_PATTERN, ' ');
  return ctx.webCues.test(words) && !ctx.mailCues.test(words);
}

/**
 * A reply code followed by an enhanced status of its class ("550 5.7.606", "421-4.7.0"): no HTTP or FTP server
 * writes that, so it counts even in a message with only web words ("to request removal visit ...").
 */
const PAIRED = /(?<![\w.])([45][0-5]\d)[ -]#?([45])\.(\d{1,3})\.(\d{1,3})(?![\w]|\.\d)/;

/** FTP servers and clients: a reply number near them is an FTP reply ("FileZilla says 421 Too many connections"). */
const FTP_WORDS = /ftp|\bfilezilla\b|\bwinscp\b|\bcyberduck\b/i;
/** Web servers, APIs and HTTP reason phrases: a reply number near them is an HTTP status. */
const HTTP_WORDS =
  /\bhttps?\b|\bhttp\/\d|\bweb ?(?:site|server|page|app)\b|\bsite\b|\bpages?\b|\bnginx\b|\bapache\b|\biis\b|\bcloudflare\b|\bcaddy\b|\bhaproxy\b|\btraefik\b|\bapi\b|\bendpoint\b|\bgraphql\b|\bbrowser\b|\bgateway\b|\bproxy\b|\bload balancer\b|\bcdn\b|\burl\b|\brequests?\b|\bcurl\b|\bwordpress\b|\bphp\b|\bforbidden\b|\bunauthorized\b|\bservice unavailable\b|\binternal server error\b/i;

/** Which protocol's reply a number is, from the words around it; undefined when nothing names one. */
function protocolOf(context: string): 'ftp' | 'http' | undefined {
  if (FTP_WORDS.test(context)) return 'ftp';
  return HTTP_WORDS.test(context) ? 'http' : undefined;
}

/** A number that the words around it mark as a count, a size, a port or an ID, not as any protocol's reply. */
function isCountOrId(before: string, after: string): boolean {
  return COUNT_AFTER.test(after) || COUNT_AFTER_CASED.test(after) || NOT_A_CODE_BEFORE.test(before);
}

const FAILURE = /^[45]/;

/** All reply codes, enhanced status codes and code classes in `text`, in order of appearance. */
export function findCodes(text: string, ctx: CodeContext): FoundCodes {
  const found: FoundCodes = { replyCodes: [], enhanced: [], classes: [], webContext: isWebContext(text, ctx) };
  if (found.webContext) {
    const paired = PAIRED.exec(text);
    if (paired && paired[1]?.[0] === paired[2]) {
      return { ...found, replyCodes: [paired[1] ?? ''], enhanced: [`${paired[2]}.${paired[3]}.${paired[4]}`], webContext: false };
    }
    for (let m = firstMatch(REPLY, text); m !== null; m = nextMatch(REPLY, text)) {
      const at = m.index;
      const after = text.slice(at + m[0].length);
      if (!FAILURE.test(m[1] ?? '') || isCountOrId(text.slice(Math.max(0, at - 20), at), after)) continue;
      const protocol = FTP_AFTER.test(after) ? 'ftp' : HTTP_AFTER.test(after) ? 'http' : protocolOf(text);
      return protocol ? { ...found, otherProtocol: protocol } : found;
    }
    return found;
  }
  let otherProtocol: 'ftp' | 'http' | undefined;
  for (let m = firstMatch(REPLY, text); m !== null; m = nextMatch(REPLY, text)) {
    const at = m.index;
    const number = m[1] ?? '';
    const after = text.slice(at + m[0].length);
    const before = text.slice(Math.max(0, at - 20), at);
    if (isCountOrId(before, after)) continue;
    const failure = FAILURE.test(number);
    if (HTTP_AFTER.test(after) || HTTP_BEFORE.test(before)) {
      if (failure) otherProtocol ??= 'http';
      continue;
    }
    if (FTP_AFTER.test(after)) {
      if (failure) otherProtocol ??= 'ftp';
      continue;
    }
    const component = OTHER_PROTOCOL_BEFORE.exec(text.slice(Math.max(0, at - 50), at));
    if (component) {
      if (failure) otherProtocol ??= FTP_WORDS.test(component[0]) ? 'ftp' : 'http';
      continue;
    }
    if (SMTP_CODES.has(number)) found.replyCodes.push(number);
  }
  for (let m = firstMatch(ENHANCED, text); m !== null; m = nextMatch(ENHANCED, text)) {
    const at = m.index;
    const klass = m[2] ?? '';
    const before = text.slice(Math.max(0, at - 20), at);
    if (!m[1] && VERSION_BEFORE.test(before)) continue;
    // Class 2 is mostly a version number ("Magento 2.4.5") unless a log marks it as a status.
    if (klass === '2' && m[1]?.toLowerCase() !== 'dsn=' && !/\b2\d\d[ -]$/.test(before)) continue;
    found.enhanced.push(`${klass}.${m[3]}.${m[4]}`);
  }
  for (let m = firstMatch(CLASS, text); m !== null; m = nextMatch(CLASS, text)) found.classes.push(m[1] === '4' ? '4' : '5');
  // A mail failure code in the same message wins: "FTP is fine, but mail bounces with 550 5.1.1" is about mail.
  if (otherProtocol && failureClass(found) === undefined) found.otherProtocol = otherProtocol;
  return found;
}

/** The class ('4' temporary, '5' permanent) the first failure code in the text belongs to, if any. */
export function failureClass(codes: FoundCodes): '4' | '5' | undefined {
  const reply = codes.replyCodes.find((c) => c.startsWith('4') || c.startsWith('5'));
  if (reply) return reply.startsWith('4') ? '4' : '5';
  const enhanced = codes.enhanced.find((c) => c.startsWith('4') || c.startsWith('5'));
  if (enhanced) return enhanced.startsWith('4') ? '4' : '5';
  return codes.classes[0];
}
