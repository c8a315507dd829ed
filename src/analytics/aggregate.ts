/**
 * Turns the stored events of a period into the analytics report. Pure: events and options in, report out.
 *
 * The cohort is the conversations started in the period, leaving out those that never told a problem (every event
 * still idle: counted apart as unrelated). Each one's outcome is where its last event left it:
 * resolved, routed or escalated; otherwise abandoned when its last turn is older than the idle time before
 * the end of the period, else still open. The funnel counts, per check, the cohort conversations that
 * reached it (or a later one), those abandoned there, and the outcomes reached while it was being answered.
 */
import type { EscalationReason } from '../core/types.js';
import type { StoredEvent } from '../store/types.js';
import type { FunnelSteps } from './checks.js';
import type { AnalyticsReport, FunnelRow, Ranked, Rate, UnsureExample } from './types.js';
import { handoffFunnel } from './handoff.js';
import { UNSURE_BELOW } from './unsure.js';

/** The period and the knobs of one report. */
export interface ReportOptions {
  from: number;
  to: number;
  /** A conversation with no turn for this long before `to` is abandoned. */
  idleMs: number;
  steps: FunnelSteps;
  /** How many reply codes, variations and unsure examples to list. */
  top?: number;
}

type Final = 'resolved' | 'routed' | 'escalated' | 'abandoned' | 'open';

interface Reading {
  channel: string;
  final: Final;
  reason?: EscalationReason;
  /** Index of the check the outcome was reached at, or the one abandoned at (-1: before any check). */
  atCheck: number;
  /** Index of the furthest check reached: every earlier check was passed to get there. */
  furthest: number;
  resolvedAfter?: number;
  replyCode?: string;
  variation?: string;
}

function read(events: StoredEvent[], options: ReportOptions, startedAt: number, checkIndex: (e: StoredEvent) => number): Reading {
  const last = events.at(-1)!;
  let furthest = -1;
  let atCheck = -1;
  let outcome: StoredEvent | undefined;
  let replyCode: string | undefined;
  let variation: string | undefined;
  for (const event of events) {
    const i = checkIndex(event);
    if (i >= 0) atCheck = i;
    furthest = Math.max(furthest, i);
    if (event.outcome) outcome = event;
    replyCode = event.replyCode ?? replyCode;
    variation = event.variation ?? variation;
  }
  const reading: Reading = { channel: last.channel, final: 'open', atCheck, furthest };
  if (replyCode) reading.replyCode = replyCode;
  if (variation) reading.variation = variation;
  if (last.status === 'resolved' || last.status === 'routed' || last.status === 'escalated') {
    reading.final = last.status;
    if (outcome) {
      // The outcome turn still names the step that was answered. An outcome before any question (a pasted
      // 5xx routed at once) was reached at the first check, which the opening message answered.
      reading.atCheck = Math.max(0, checkIndex(outcome));
      reading.furthest = Math.max(reading.furthest, reading.atCheck);
      if (outcome.reason) reading.reason = outcome.reason;
      if (outcome.outcome === 'resolved') reading.resolvedAfter = outcome.at - startedAt;
    }
  } else {
    reading.final = last.at < options.to - options.idleMs ? 'abandoned' : 'open';
  }
  return reading;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function rank(values: (string | undefined)[], top: number): Ranked[] {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).slice(0, top);
}

/** Unsure messages by text; each is placed at the step that was waiting when it came (the previous event's). */
function unsureExamples(conversations: StoredEvent[][], from: number, top: number): UnsureExample[] {
  const byText = new Map<string, UnsureExample>();
  for (const events of conversations) {
    const startedHere = (events[0]!.startedAt ?? events[0]!.at) >= from;
    events.forEach((e, i) => {
      if (!e.unsure || !e.text) return;
      const waiting = i > 0 ? events[i - 1]!.stepId : startedHere ? '' : e.stepId;
      const norm = e.text.toLowerCase();
      const seen = byText.get(norm);
      if (seen) seen.count += 1;
      else byText.set(norm, { text: e.text, count: 1, intent: e.intent, confidence: e.confidence, stepId: waiting });
    });
  }
  return [...byText.values()].sort((a, b) => b.count - a.count || a.confidence - b.confidence).slice(0, top);
}

/** The report for events with `from <= at < to` (the store's `listEvents` answer). */
export function buildReport(events: StoredEvent[], options: ReportOptions): AnalyticsReport {
  const top = options.top ?? 10;
  const byConversation = new Map<string, StoredEvent[]>();
  for (const event of [...events].sort((a, b) => a.at - b.at)) {
    const list = byConversation.get(event.conversationId) ?? [];
    list.push(event);
    byConversation.set(event.conversationId, list);
  }
  const { steps } = options;
  const index = new Map(steps.checks.map((c, i) => [`${c.flowId}/${c.stepId}`, i]));
  const checkIndex = (e: StoredEvent) => index.get(`${e.flowId}/${steps.checkOf(e.flowId, e.stepId)}`) ?? -1;
  const cohort: Reading[] = [];
  let unrelated = 0;
  for (const list of byConversation.values()) {
    const startedAt = list[0]!.startedAt ?? list[0]!.at;
    if (startedAt < options.from || startedAt >= options.to) continue;
    if (list.every((event) => event.status === 'idle')) unrelated += 1;
    else cohort.push(read(list, options, startedAt, checkIndex));
  }

  const started = cohort.length;
  const rate = (count: number): Rate => ({ count, share: started ? count / started : 0 });
  const count = (final: Final) => cohort.filter((r) => r.final === final).length;
  const reasons: Partial<Record<EscalationReason, number>> = {};
  for (const r of cohort) if (r.final === 'escalated' && r.reason) reasons[r.reason] = (reasons[r.reason] ?? 0) + 1;
  const startedByChannel: Record<string, number> = {};
  for (const r of cohort) startedByChannel[r.channel] = (startedByChannel[r.channel] ?? 0) + 1;

  const funnel: FunnelRow[] = steps.checks.map((check, i) => {
    const here = (final: Final) => cohort.filter((r) => r.final === final && r.atCheck === i).length;
    return {
      ...check,
      number: i + 1,
      reached: cohort.filter((r) => r.furthest >= i).length,
      left: here('abandoned'),
      resolved: here('resolved'),
      routed: here('routed'),
      escalated: here('escalated'),
    };
  });

  const minutes = cohort.flatMap((r) => (r.resolvedAfter === undefined ? [] : [r.resolvedAfter / 60_000]));
  const messages = events.filter((e) => e.intent !== 'none');
  const unsure = messages.filter((e) => e.unsure).length;

  return {
    period: { from: new Date(options.from).toISOString(), to: new Date(options.to).toISOString() },
    idleHours: options.idleMs / 3_600_000,
    started,
    startedByChannel,
    unrelated,
    outcomes: {
      resolved: rate(count('resolved')),
      routed: rate(count('routed')),
      escalated: { ...rate(count('escalated')), reasons },
      abandoned: rate(count('abandoned')),
      open: rate(count('open')),
    },
    funnel,
    resolutionMinutes: { count: minutes.length, median: median(minutes) },
    replyCodes: rank(cohort.map((r) => r.replyCode), top),
    variations: rank(cohort.map((r) => r.variation), top),
    handoff: handoffFunnel(events, { from: options.from, to: options.to, steps, top }),
    matcher: {
      threshold: UNSURE_BELOW,
      messages: messages.length,
      unsure,
      share: messages.length ? unsure / messages.length : 0,
      examples: unsureExamples([...byConversation.values()], options.from, top),
    },
  };
}
