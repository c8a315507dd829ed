/** Named, configurable thresholds of the escalation policy (see README, "When the bot hands over"). */
export interface EscalationPolicy {
  /** Escalate a problem that still fails after the checks once it has lasted this long. */
  persistentAfterMinutes: number;
  /** A problem that comes back within this window after being resolved escalates. */
  recurrenceWindowMinutes: number;
  /** How many requests for a human escalate (the first is answered with the next check). */
  humanRequestsToEscalate: number;
  /** Plain wait before retrying; greylisting waits use the longer one. */
  waitMinutes: number;
  greylistWaitMinutes: number;
}

export const DEFAULT_POLICY: EscalationPolicy = {
  persistentAfterMinutes: 240,
  recurrenceWindowMinutes: 1440,
  humanRequestsToEscalate: 2,
  waitMinutes: 15,
  greylistWaitMinutes: 60,
};
