/**
 * The report over conversations run through the real engine: each customer below is scripted to end one
 * way (resolved, routed, escalated, abandoned, open) at a known check, and the report must say so.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/analytics/aggregate.js';
import { engineFunnelSteps } from '../../src/analytics/report.js';
import type { AnalyticsReport } from '../../src/analytics/types.js';
import { UNSURE_BELOW } from '../../src/analytics/unsure.js';
import { DAY, HOUR, scripted } from './scripted.js';

const FROM = Date.UTC(2026, 10, 20);
const TO = FROM + 7 * DAY;
const MIN = 60_000;

let report: AnalyticsReport;
let events: Awaited<ReturnType<ReturnType<typeof scripted>['store']['listEvents']>>;

beforeAll(async () => {
  const s = scripted(FROM - DAY);
  // Started the day before the period: its messages count for the matcher, not for the cohort.
  const early = s.customer('early');
  await early.says('blorp flim');
  s.clock.now = FROM + 2 * HOUR;
  await early.says('my mail to gmail is deferred with 421 4.7.0 try again later');

  // Resolved at check 2: greylisting, waited, the retry went through 40 minutes after the start.
  s.clock.now = FROM + DAY;
  const resolved = s.customer('resolved');
  await resolved.says('421 4.7.0 Greylisting enabled, please try later');
  await resolved.clicks('just_now');
  s.clock.now += 40 * MIN;
  await resolved.clicks('delivered');

  // Routed at check 1: a pasted 5xx is not a 421.
  const routed = s.customer('routed', 'slack');
  await routed.says('Delivery failed: 550 5.1.1 user unknown');

  // Escalated at check 6: failing for over four hours after every check.
  s.clock.now = FROM + 2 * DAY;
  const escalated = s.customer('escalated', 'msteams');
  await escalated.says('421 4.4.5 Too many connections from your host');
  await escalated.clicks('since_yesterday');
  await escalated.clicks('single');
  // Typed one-word answers the matcher is unsure of, but the flow reads as choices.
  await escalated.says('several');
  await escalated.clicks('fails');
  await escalated.says('deferred');

  // Abandoned at check 3, days before the end; it wrote two unclear messages on the way.
  s.clock.now = FROM + 3 * DAY;
  const abandoned = s.customer('abandoned');
  await abandoned.says('emails to my client keep bouncing with 421 4.3.2 server busy');
  await abandoned.says('qwv zzkx plonk 10.1.2.3');
  await abandoned.clicks('few_hours');
  await abandoned.says('blorp flim');

  // Never told a mail problem: a greeting, then a question about something else.
  s.clock.now = FROM + 4 * DAY;
  const elsewhere = s.customer('elsewhere');
  await elsewhere.says('hi');
  await elsewhere.says('can you reset my wordpress password?');

  // Still open: stopped at check 2 an hour before the end of the period.
  s.clock.now = TO - HOUR;
  const open = s.customer('open');
  await open.says('my emails bounce: 421 Service not available, unexpected failure');

  events = await s.store.listEvents(FROM, TO);
  report = buildReport(events, { from: FROM, to: TO, idleMs: 24 * HOUR, steps: engineFunnelSteps() });
});

describe('analytics report', () => {
  it('counts the conversations started in the period, by channel', () => {
    expect(report.started).toBe(5);
    expect(report.startedByChannel).toEqual({ directline: 3, slack: 1, msteams: 1 });
  });

  it('counts a conversation that never told a mail problem apart: neither started nor abandoned, even long idle', () => {
    expect(report.unrelated).toBe(1);
    const later = buildReport(events, { from: FROM, to: TO, idleMs: 30 * MIN, steps: engineFunnelSteps() });
    expect(later.unrelated).toBe(1);
    expect(later.started).toBe(5);
    expect(later.funnel[0]!.reached).toBe(5);
  });

  it('gives each outcome its count and share of the started conversations', () => {
    const { outcomes } = report;
    expect([outcomes.resolved.count, outcomes.routed.count, outcomes.escalated.count, outcomes.abandoned.count, outcomes.open.count])
      .toEqual([1, 1, 1, 1, 1]);
    expect(outcomes.resolved.share).toBeCloseTo(0.2);
    expect(outcomes.escalated.reasons).toEqual({ persistent: 1 });
  });

  it('places each outcome at the check where it happened, and counts who reached each check', () => {
    const row = (stepId: string) => report.funnel.find((f) => f.stepId === stepId)!;
    expect(report.funnel.map((f) => f.stepId)).toEqual(
      ['confirm_error', 'wait_and_retry', 'sending_volume', 'recipient_server', 'test_email', 'delivery_logs'],
    );
    expect(report.funnel.map((f) => f.reached)).toEqual([5, 4, 2, 1, 1, 1]);
    expect(row('confirm_error').routed).toBe(1);
    expect(row('wait_and_retry').resolved).toBe(1);
    expect(row('sending_volume').left).toBe(1);
    expect(row('delivery_logs').escalated).toBe(1);
    const placed = report.funnel.reduce((sum, f) => sum + f.left + f.resolved + f.routed + f.escalated, 0);
    expect(placed).toBe(report.started - report.outcomes.open.count);
  });

  it('measures the time from the first message to resolution', () => {
    expect(report.resolutionMinutes).toEqual({ count: 1, median: 40 });
  });

  it('ranks reply codes and variations over the started conversations', () => {
    expect(report.replyCodes[0]).toEqual({ value: '421', count: 4 });
    expect(report.replyCodes).toContainEqual({ value: '550', count: 1 });
    expect(report.variations.map((v) => v.value).sort()).toEqual(['connection', 'downstream', 'policy', 'resource']);
  });

  it('collects unsure messages as redacted examples at the step they answered', () => {
    const unsure = events.filter((e) => e.unsure);
    expect(unsure.every((e) => e.confidence < UNSURE_BELOW)).toBe(true);
    expect(report.matcher.unsure).toBe(unsure.length);
    expect(report.matcher.messages).toBe(events.filter((e) => e.intent !== 'none').length);
    const texts = report.matcher.examples.map((e) => e.text);
    expect(texts).toContain('qwv zzkx plonk [ip]');
    // The early customer's "blorp flim" came before the period; the one inside it answered check 3.
    expect(report.matcher.examples.find((e) => e.text === 'blorp flim')).toMatchObject({ count: 1, stepId: 'sending_volume' });
    expect(report.matcher.examples.find((e) => e.text === 'qwv zzkx plonk [ip]')?.stepId).toBe('wait_and_retry');
    expect(texts.join(' ')).not.toMatch(/10\.1\.2\.3/);
  });

  it('never counts a typed answer the flow understood as unsure, however low the confidence', () => {
    const understoodButUnsure = events.filter((e) => e.conversationId === 'escalated' && e.understood === true && e.confidence < UNSURE_BELOW);
    expect(understoodButUnsure.length).toBeGreaterThanOrEqual(2);
    expect(understoodButUnsure.some((e) => e.unsure)).toBe(false);
    expect(report.matcher.examples.map((e) => e.text)).not.toContain('several');
    expect(report.matcher.examples.map((e) => e.text)).not.toContain('deferred');
  });

  it('never counts clicked choices as unsure', () => {
    expect(events.filter((e) => e.unsure && e.text && /^(Yes|No|Deferred|Several|Just now)/.test(e.text))).toEqual([]);
  });

  it('turns an idle conversation into an abandoned one once the idle time has passed', () => {
    const later = buildReport(events, { from: FROM, to: TO, idleMs: 30 * MIN, steps: engineFunnelSteps() });
    expect(later.outcomes.open.count).toBe(0);
    expect(later.outcomes.abandoned.count).toBe(2);
    expect(later.funnel.find((f) => f.stepId === 'wait_and_retry')!.left).toBe(1);
  });

  it('reports an empty period without dividing by zero', () => {
    const empty = buildReport([], { from: FROM, to: TO, idleMs: HOUR, steps: engineFunnelSteps() });
    expect(empty.started).toBe(0);
    expect(empty.outcomes.resolved.share).toBe(0);
    expect(empty.resolutionMinutes.median).toBeNull();
    expect(empty.matcher.share).toBe(0);
  });
});
