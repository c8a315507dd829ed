/** Reading a report period from the API's query or the command line: dates, date-times or epoch milliseconds. */

const DAY_MS = 86_400_000;
/** The longest period one report may cover: the store reads every event of the period at once. */
export const MAX_PERIOD_DAYS = 400;

const EPOCH_MS = /^\d{9,}$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A period value is not understood; the message says what is expected. */
export class PeriodError extends Error {
  readonly code = 'period_invalid';
}

/** `2026-11-30` (UTC midnight), `2026-11-30T12:00:00Z`, or epoch milliseconds, as epoch milliseconds. */
export function parseInstant(name: string, value: string): number {
  const text = value.trim();
  let at = NaN;
  if (EPOCH_MS.test(text)) at = Number(text);
  else if (DATE_ONLY.test(text)) at = Date.parse(`${text}T00:00:00Z`);
  else if (DATE_TIME.test(text)) at = Date.parse(text);
  if (!Number.isFinite(at)) {
    throw new PeriodError(`${name}: "${value}" is not a date; use YYYY-MM-DD, an ISO date-time such as 2026-11-30T12:00:00Z, or epoch milliseconds`);
  }
  return at;
}

/** The period `[from, to)`: `to` defaults to `now`, `from` to seven days before `to`. */
export function parsePeriod(input: { from?: string; to?: string }, now: number): { from: number; to: number } {
  const to = input.to ? parseInstant('to', input.to) : now;
  const from = input.from ? parseInstant('from', input.from) : to - 7 * DAY_MS;
  if (from >= to) throw new PeriodError(`from (${new Date(from).toISOString()}) must be before to (${new Date(to).toISOString()})`);
  if (to - from > MAX_PERIOD_DAYS * DAY_MS) throw new PeriodError(`the period is longer than ${MAX_PERIOD_DAYS} days; ask for a shorter one`);
  return { from, to };
}
