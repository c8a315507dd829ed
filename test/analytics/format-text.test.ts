import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/analytics/aggregate.js';
import { formatReportText, table } from '../../src/analytics/format-text.js';
import { engineFunnelSteps } from '../../src/analytics/report.js';
import { DAY, scripted } from './scripted.js';

const FROM = Date.UTC(2026, 10, 1);

describe('report as text', () => {
  it('aligns columns: first left, the rest right, with a rule under the header', () => {
    const lines = table(['Name', 'Count'], [['a', 5], ['longer name', 123]]).split('\n');
    expect(lines).toEqual(['Name         Count', '-----------  -----', 'a                5', 'longer name    123']);
  });

  it('shows every section of a real report, with the unsure examples', async () => {
    const s = scripted(FROM + DAY);
    const customer = s.customer('c1');
    await customer.says('421 4.7.0 try again later');
    await customer.says('blorp flim');
    const events = await s.store.listEvents(FROM, FROM + 7 * DAY);
    const text = formatReportText(buildReport(events, { from: FROM, to: FROM + 7 * DAY, idleMs: DAY, steps: engineFunnelSteps() }));
    expect(text).toContain('Conversations started: 1 (directline 1)');
    for (const heading of ['Outcome', 'Funnel over the checks', 'Median time to resolution: n/a', 'Reply code', 'Variation', 'Matcher unsure']) {
      expect(text).toContain(heading);
    }
    expect(text).toMatch(/1\. Confirm the error\s+1\s+0/);
    expect(text).toMatch(/Examples to add to intents\/[\s\S]*blorp flim/);
    expect(text).toMatch(/Abandoned \(idle 24 h\)\s+1\s+100\.0%/);
  });
});
