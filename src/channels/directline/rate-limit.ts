/** Per-conversation limit on posted activities: a one-minute window, answered with 429 and Retry-After. */
import { HttpError } from '../../http/errors.js';

const WINDOW_MS = 60_000;
/** Past this many tracked conversations, finished windows are swept so memory stays bounded. */
const SWEEP_AT = 10_000;

/** Counts posts per key within the current window. */
export interface RateLimiter {
  /** Counts one post for `key`; throws a 429 HttpError when the window is full. */
  hit(key: string, nowMs: number): void;
}

/** `perMinute` posts per key per window. One limiter per process (per isolate on Workers). */
export function createRateLimiter(perMinute: number): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();

  return {
    hit(key, nowMs) {
      let window = windows.get(key);
      if (!window || nowMs - window.start >= WINDOW_MS) {
        if (windows.size >= SWEEP_AT) {
          for (const [k, w] of windows) if (nowMs - w.start >= WINDOW_MS) windows.delete(k);
        }
        window = { start: nowMs, count: 0 };
        windows.set(key, window);
      }
      if (window.count >= perMinute) {
        const retryAfter = Math.max(1, Math.ceil((window.start + WINDOW_MS - nowMs) / 1000));
        throw new HttpError(
          429,
          'TooManyRequests',
          `this conversation sent more than ${perMinute} activities in a minute; retry in ${retryAfter} s`,
          { 'Retry-After': String(retryAfter) },
        );
      }
      window.count += 1;
    },
  };
}
