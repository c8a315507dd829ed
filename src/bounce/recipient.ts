/** Turning the evidence gathered for one recipient into the explainer's answer. */
import type { BounceRecipient } from './types.js';
import { classOf, findEnhancedStatus, findReply, type ReplyMatch } from './codes.js';
import { reasonOf } from './reason.js';
import { variationOf } from './variation.js';

/** What a reader found about one recipient; codes given here win over codes found in `text`. */
export interface Evidence {
  address: string;
  /** The server's answer and the MTA's explanation, as close to this recipient as the bounce allows. */
  text: string;
  /** Wider text (e.g. the whole bounce body), read when `text` gives no codes or no recognisable reason. */
  fallbackText?: string;
  enhancedStatus?: string;
  replyCode?: string;
  remoteHost: string;
  /** True when the message is still queued (delay warning, Action: delayed, a deferred log line). */
  delayed: boolean;
  /** True when the text is a returned-mail notice: the MTA has given up on this recipient. */
  returned?: boolean;
  /** The outcome stated outside the codes (a log's status=bounced), used only when no code says it. */
  permanentHint?: boolean;
}

/** Words that mark a failure without any code as transient; Exim's "retry timeout exceeded" returns mail a server kept deferring. */
const TEMPORARY_WORDS = /\btemporar|\bpersistent|try (?:again )?later|deferred|will be retried|not (?:yet )?been delivered|retry time(?:out)? (?:not reached|exceeded)|\bdelayed\b/i;

/** Fills codes, temporary, variation and, with `reasons`, the reason for one recipient (else the reason is ''). */
export function buildRecipient(e: Evidence, reasons: boolean): BounceRecipient {
  // The wider text may be the text itself (a bounce that names no address): reading it again finds nothing new.
  const wider = e.fallbackText === e.text ? '' : (e.fallbackText ?? '');
  const reply = e.replyCode ? { code: e.replyCode, status: '', strength: 3 } : bestReply(e.text, wider);
  const replyCode = reply.code;
  let enhancedStatus = e.enhancedStatus || reply.status || findEnhancedStatus(e.text) || (wider ? findEnhancedStatus(wider) : '');
  if (enhancedStatus && replyCode && classOf(enhancedStatus) !== classOf(replyCode) && !e.enhancedStatus) enhancedStatus = '';
  const temporary = e.delayed || isTemporary(enhancedStatus, replyCode, e.text, e.permanentHint);
  let reason = '';
  if (reasons) {
    reason = reasonOf(e.text, enhancedStatus, replyCode, e.delayed);
    if ((reason === 'onhold' || reason === 'undefined') && wider) reason = reasonOf(wider, enhancedStatus, replyCode, e.delayed);
    reason = refineReason(reason, e, enhancedStatus, replyCode);
  }
  // A delay notice is temporary even when its codes are not 4xx; without a 4xx code the words decide the family.
  const variation = temporary
    ? (variationOf(replyCode.startsWith('4') ? replyCode : '', classOf(enhancedStatus) === '4' ? enhancedStatus : '', e.text) ?? 'downstream')
    : null;
  return {
    address: e.address,
    replyCode,
    enhancedStatus,
    temporary,
    remoteHost: e.remoteHost,
    reason,
    variation,
  };
}

const DATA_STAGE = /in reply to (?:end of )?DATA|after (?:end of )?DATA|>>> DATA|DATA command/i;
const RCPT_STAGE = /in reply to RCPT|after RCPT|>>> RCPT/i;

/**
 * Two readings depend on context rather than words: "unknown user" answered to DATA (not RCPT) is a
 * content filter speaking, and a connection failure in a final bounce means the message expired in the queue.
 */
function refineReason(reason: string, e: Evidence, status: string, reply: string): string {
  const context = `${e.text}\n${e.fallbackText ?? ''}`;
  if (reason === 'userunknown' && DATA_STAGE.test(context) && !RCPT_STAGE.test(context)) return 'filtered';
  const gaveUp = e.returned === true && !e.delayed && (classOf(status) === '4' || (!status && classOf(reply) !== '5'));
  if (reason === 'networkerror' && gaveUp && /timed? ?out|timeout/i.test(e.text)) return 'expired';
  return reason;
}

/** The recipient's own text wins unless the wider text quotes the remote server more reliably. */
function bestReply(text: string, fallback: string): ReplyMatch {
  const own = findReply(text);
  if (own.strength >= 2 || !fallback) return own;
  const wide = findReply(fallback);
  return wide.strength > own.strength || !own.code ? wide : own;
}

function isTemporary(status: string, reply: string, text: string, permanentHint?: boolean): boolean {
  const statusClass = classOf(status);
  if (statusClass) return statusClass === '4';
  const replyClass = classOf(reply);
  if (replyClass) return replyClass === '4';
  if (permanentHint !== undefined) return !permanentHint;
  return TEMPORARY_WORDS.test(text);
}
