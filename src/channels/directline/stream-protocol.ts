/**
 * What the Direct Line stream sends: activity sets `{ activities, watermark }` as commits wrote them to the log,
 * and empty keep-alives. Pure, so Node's socket hub and the Workers Durable Object decide alike what each socket
 * still has to get.
 */

/** Activities a commit appended: they hold the log's last `activities.length` places, up to `watermark`. */
export interface ActivitySet {
  activities: unknown[];
  watermark: number;
}

/** What to do with a committed set for a socket that has been sent the log up to `sent`. */
export type Delivery =
  | { kind: 'send'; set: ActivitySet }
  | { kind: 'skip' }
  /** The set starts past `sent`: something in between never reached this socket, so read the log from `sent`. */
  | { kind: 'gap' };

/** Decides what of `set` a socket that has seen the log up to `sent` needs. */
export function deliveryFor(sent: number, set: ActivitySet): Delivery {
  const first = set.watermark - set.activities.length;
  if (set.watermark <= sent) return { kind: 'skip' };
  if (first > sent) return { kind: 'gap' };
  return { kind: 'send', set: { activities: set.activities.slice(sent - first), watermark: set.watermark } };
}

/**
 * One stream message. The watermark is a string because Web Chat keeps it only when it is truthy (a number 0
 * would be dropped), and every message carries `activities`, even when empty, because Web Chat iterates it.
 */
export function streamMessage(set: ActivitySet): string {
  return JSON.stringify({ activities: set.activities, watermark: String(set.watermark) });
}

/** The keep-alive: an empty text message, which Web Chat skips. */
export const KEEP_ALIVE = '';

/** Close codes of the stream; Web Chat reconnects after any close, with a fresh streamUrl. */
export const CLOSE = {
  tokenExpired: { code: 1008, reason: 'token expired: reconnect with a fresh token' },
  erased: { code: 1000, reason: 'conversation erased' },
  shutdown: { code: 1001, reason: 'server shutting down' },
  failed: { code: 1011, reason: 'stream failed: reconnect' },
} as const;
