/** The analytics report: what happened to the conversations of one period. Plain JSON for the API. */
import type { EscalationReason } from '../core/types.js';

/** A count and its share of the conversations started in the period (0..1). */
export interface Rate {
  count: number;
  share: number;
}

/** One of the flow's numbered checks, as the funnel lists it. */
export interface CheckStep {
  flowId: string;
  stepId: string;
  title: string;
}

/** How the conversations that reached a check fared there. */
export interface FunnelRow extends CheckStep {
  /** 1-based position among the checks. */
  number: number;
  reached: number;
  /** Abandoned while this was the check they were at. */
  left: number;
  resolved: number;
  routed: number;
  escalated: number;
}

export interface Ranked {
  value: string;
  count: number;
}

/** A message the matcher was unsure about: a candidate training example for `intents/`. */
export interface UnsureExample {
  /** Redacted (emails and IPs) and cut to a few hundred characters. */
  text: string;
  count: number;
  /** The matcher's best guess and its confidence. */
  intent: string;
  confidence: number;
  /** The step that was waiting for an answer when it came, '' before the flow started. */
  stepId: string;
}

/** What became of the cases queued for agents in the period (see handoff.ts). */
export interface HandoffReport {
  queued: number;
  taken: number;
  /** Cases an agent wrote in. */
  firstReply: number;
  handedBack: number;
  closed: number;
  /** Still queued or with an agent at the end of the period. */
  open: number;
  /** From queued to taken, over the cases taken. */
  minutesToTake: { count: number; median: number | null };
  /** From queued to the agent's first message to the customer. */
  minutesToFirstReply: { count: number; median: number | null };
  takenBy: Ranked[];
  /** The check (1-based) each handed-back case resumed at. */
  handedBackAt: { check: number; title: string; count: number }[];
}

export interface AnalyticsReport {
  period: { from: string; to: string };
  /** A conversation counts as abandoned after this long without a turn before the end of the period. */
  idleHours: number;
  /**
   * Conversations started in the period: the walk-through began (a delivery problem was told) or the bot routed or
   * escalated them. Outcome rates, funnel and codes describe these.
   */
  started: number;
  startedByChannel: Record<string, number>;
  /**
   * Conversations opened in the period that never got that far: a greeting, an unrelated question pointed to
   * support, a 421 from FTP or HTTP. They are neither started nor abandoned.
   */
  unrelated: number;
  outcomes: {
    resolved: Rate;
    routed: Rate;
    escalated: Rate & { reasons: Partial<Record<EscalationReason, number>> };
    abandoned: Rate;
    open: Rate;
  };
  funnel: FunnelRow[];
  /** Start to resolution, over resolved conversations; null without any. */
  resolutionMinutes: { count: number; median: number | null };
  replyCodes: Ranked[];
  variations: Ranked[];
  /** Cases queued for agents in the period and what became of them. */
  handoff: HandoffReport;
  matcher: {
    /** Confidence below which a reading counts as unsure. */
    threshold: number;
    /** Every classified user message in the period (clicked choices included). */
    messages: number;
    unsure: number;
    share: number;
    examples: UnsureExample[];
  };
}
