/** Reads an SMTP error out of what the user wrote or pasted, with the bounce explainer and the matcher's entities. */
import { mayHoldCode, parseBounce, type BounceRecipient } from '../bounce/index.js';
import { variationOf } from '../bounce/variation.js';
import type { Entities } from '../nlu/types.js';
import { SLOT } from './slots.js';
import type { Turn } from './turn.js';
import type { Variation } from './types.js';

/** The codes and facts read from one error text. Empty strings mean "not found". */
export interface ErrorReading {
  replyCode: string;
  enhancedStatus: string;
  codeClass: 'temporary' | 'permanent';
  variation: Variation | null;
  remoteHost: string;
  recipientDomain: string;
}

/** Words that name the downstream / unexpected-failure family explicitly. */
const DOWNSTREAM_WORDS = /downstream|unexpected|fork|service not available|internal error|local error|processing/i;

/** Pastes larger than this get a clear message instead of being read. */
export const MAX_PASTE_CHARS = 64 * 1024;

/** A user's words as the transcript keeps them: a paste past the limit is cut, with its full length noted. */
export function transcriptText(text: string): string {
  return text.length > MAX_PASTE_CHARS ? `${text.slice(0, MAX_PASTE_CHARS)} [cut: ${text.length} characters in all]` : text;
}

/** The last text read as a bounce and its recipients: one turn often reads the same message twice. */
let lastRead: { text: string; recipients: BounceRecipient[] } | undefined;

/**
 * The recipients of `text` read as a bounce; only one with a code is used, so a text that cannot hold one is not parsed.
 * Their reason categories are not read: a reading never uses them.
 */
function recipientsIn(text: string): BounceRecipient[] {
  if (lastRead?.text !== text) lastRead = { text, recipients: mayHoldCode(text) ? parseBounce(text, { reasons: false }).recipients : [] };
  return lastRead.recipients;
}

/**
 * The error in `text`, or undefined when none is there. With `requireCode`, only a reply code or enhanced
 * status counts; without it, words like "try again later" or "greylisted" also mark a temporary failure.
 */
export function readError(text: string, entities: Entities, requireCode: boolean): ErrorReading | undefined {
  const recipients = recipientsIn(text);
  const found = recipients.find((r) => r.replyCode || r.enhancedStatus);
  const replyCode = found?.replyCode || entities.replyCode || '';
  const enhancedStatus = found?.enhancedStatus || entities.enhancedStatus || '';
  const classDigit = (enhancedStatus || replyCode).charAt(0);
  const guessed = found?.variation ?? variationOf(replyCode, enhancedStatus, text);
  // "downstream" is also the explainer's fallback; name it only when the text says so, else explain 421 in general.
  const variation = guessed === 'downstream' && !DOWNSTREAM_WORDS.test(text) ? null : guessed;
  let codeClass: ErrorReading['codeClass'];
  if (classDigit === '4') codeClass = 'temporary';
  else if (classDigit === '5') codeClass = 'permanent';
  else if (!classDigit && !requireCode && variation) codeClass = 'temporary';
  else return undefined;
  const address = found?.address || entities.emails[0] || '';
  return {
    replyCode,
    enhancedStatus,
    codeClass,
    variation: codeClass === 'temporary' ? variation : null,
    remoteHost: found?.remoteHost ?? '',
    recipientDomain: address.includes('@') ? (address.split('@')[1] ?? '').toLowerCase() : '',
  };
}

/** Forgets the codes read earlier (a correction replaces them). */
export function clearError(turn: Turn): void {
  for (const slot of [SLOT.replyCode, SLOT.enhancedStatus, SLOT.variation, SLOT.codeClass, SLOT.remoteHost]) delete turn.state.slots[slot];
}

/** Stores a reading in the slots; the recipient domain only when none is known yet. */
export function applyError(turn: Turn, reading: ErrorReading): void {
  const slots = turn.state.slots;
  clearError(turn);
  if (reading.replyCode) slots[SLOT.replyCode] = reading.replyCode;
  if (reading.enhancedStatus) slots[SLOT.enhancedStatus] = reading.enhancedStatus;
  if (reading.variation) slots[SLOT.variation] = reading.variation;
  if (reading.remoteHost) slots[SLOT.remoteHost] = reading.remoteHost;
  slots[SLOT.codeClass] = reading.codeClass;
}
