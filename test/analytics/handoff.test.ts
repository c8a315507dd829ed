/**
 * The handoff funnel from real turns: customers escalate, agents take, write, hand back or close through the
 * same actions the Slack and Teams desks and the agents API use, and the report counts each stage and time.
 */
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/analytics/aggregate.js';
import { formatReportText } from '../../src/analytics/format-text.js';
import { engineFunnelSteps } from '../../src/analytics/report.js';
import { createAgentActions } from '../../src/channels/agents/actions.js';
import { renderReportHtml } from '../../src/web/analytics-page-charts.js';
import { DAY, scripted, type Scripted } from './scripted.js';

const T0 = Date.parse('2026-11-02T08:00:00Z');
const MINUTE = 60_000;

async function escalate(s: Scripted, id: string): Promise<void> {
  const customer = s.customer(id);
  await customer.says('my mails to outlook.com are deferred with 421 4.4.5 too many connections');
  await customer.says('I want to talk to a human');
  const last = await customer.says('please, a real person now');
  expect(last.state.status).toBe('escalated');
}

describe('handoff funnel', () => {
  it('counts queued, taken, first reply, handed back and closed, with times and who took each case', async () => {
    const s = scripted(T0);
    const agents = createAgentActions(s.conversations);
    for (const id of ['a', 'b', 'c', 'd']) await escalate(s, id);

    s.clock.now += 3 * MINUTE;
    await agents.take('a', 'Ana');
    s.clock.now += 2 * MINUTE;
    await agents.reply('a', 'Ana', 'Hi, Ana here.', { takeIfFree: true });
    await agents.reply('a', 'Ana', 'Please send a test email now.', { takeIfFree: true });
    await agents.handBack('a', { agent: 'Ana', resumeAt: 'test_email' }, { onlyOpen: true });

    s.clock.now += 5 * MINUTE;
    // A reply to a free case takes it for its author, as help desks assign on reply.
    await agents.reply('b', 'Ben', 'Looking into it.', { takeIfFree: true });
    await agents.close('b', 'Ben');

    await agents.take('c', 'Ana');

    const events = await s.store.listEvents(T0 - DAY, T0 + DAY);
    const report = buildReport(events, { from: T0 - DAY, to: T0 + DAY, idleMs: DAY, steps: engineFunnelSteps() });
    expect(report.handoff).toEqual({
      queued: 4,
      taken: 3,
      firstReply: 2,
      handedBack: 1,
      closed: 1,
      open: 2,
      minutesToTake: { count: 3, median: 10 },
      minutesToFirstReply: { count: 2, median: 7.5 },
      takenBy: [{ value: 'Ana', count: 2 }, { value: 'Ben', count: 1 }],
      handedBackAt: [{ check: 5, title: 'Send a simple test email', count: 1 }],
    });
    expect(report.outcomes.resolved.count).toBe(1);

    const text = formatReportText(report);
    expect(text).toContain('Handoff funnel');
    expect(text).toMatch(/Taken by an agent\s+3\s+75\.0%/);
    expect(text).toContain('Handed back at: check 5 (Send a simple test email) 1');
    const html = renderReportHtml(report);
    expect(html).toContain('Handoff funnel');
    expect(html).toContain('Taken by: Ana 2, Ben 1');
  });

  it('leaves out cases queued outside the period and actions on them', async () => {
    const s = scripted(T0);
    const agents = createAgentActions(s.conversations);
    await escalate(s, 'early');
    s.clock.now += DAY;
    await agents.take('early', 'Ana');
    const events = await s.store.listEvents(T0 + DAY / 2, T0 + 2 * DAY);
    const report = buildReport(events, { from: T0 + DAY / 2, to: T0 + 2 * DAY, idleMs: DAY, steps: engineFunnelSteps() });
    expect(report.handoff).toMatchObject({ queued: 0, taken: 0, open: 0 });
  });
});
