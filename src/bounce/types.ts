/** What the bounce explainer reads out of a pasted bounce, delay notice or log line. */
import type { Variation } from '../core/types.js';

/** One failed (or delayed) recipient. Empty strings mean "not found in the text". */
export interface BounceRecipient {
  address: string;
  replyCode: string;
  enhancedStatus: string;
  temporary: boolean;
  remoteHost: string;
  /** Reason category, e.g. userunknown, mailboxfull, filtered, blocked, expired, toomanyconn, greylisted, ... */
  reason: string;
  /** For temporary failures: which 421 family it belongs to. */
  variation: Variation | null;
}

export interface BounceReport {
  recipients: BounceRecipient[];
}
