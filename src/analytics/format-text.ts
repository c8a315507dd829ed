/** The analytics report as plain-text tables for the terminal (`npm run report`). */
import type { AnalyticsReport, Rate } from './types.js';

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

/** Left-aligns the first column and right-aligns the rest, with a rule under the header. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

function duration(minutes: number | null): string {
  if (minutes === null) return 'n/a';
  if (minutes < 90) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1)} h`;
  return `${(minutes / 1440).toFixed(1)} days`;
}

const rateRow = (name: string, r: Rate) => [name, r.count, pct(r.share)];

/** The handoff funnel: each stage with its share of the cases queued, then times and who took them. */
function handoffSection(report: AnalyticsReport): string {
  const h = report.handoff;
  const share = (n: number) => pct(h.queued ? n / h.queued : 0);
  const lines = [
    'Handoff funnel (cases queued for agents in the period)',
    table(['Stage', 'Cases', 'Of queued'], [
      ['Queued', h.queued, share(h.queued)],
      ['Taken by an agent', h.taken, share(h.taken)],
      ['Agent replied', h.firstReply, share(h.firstReply)],
      ['Handed back to the bot', h.handedBack, share(h.handedBack)],
      ['Closed by an agent', h.closed, share(h.closed)],
      ['Still with the agents', h.open, share(h.open)],
    ]),
    `Median time to take: ${duration(h.minutesToTake.median)} (over ${h.minutesToTake.count}); to the first agent reply: ${duration(h.minutesToFirstReply.median)} (over ${h.minutesToFirstReply.count})`,
  ];
  if (h.takenBy.length > 0) lines.push(`Taken by: ${h.takenBy.map((r) => `${r.value} ${r.count}`).join(', ')}`);
  if (h.handedBackAt.length > 0) lines.push(`Handed back at: ${h.handedBackAt.map((r) => `check ${r.check} (${r.title}) ${r.count}`).join(', ')}`);
  return lines.join('\n');
}

/** The whole report, section by section. */
export function formatReportText(report: AnalyticsReport): string {
  const { outcomes, matcher } = report;
  const channels = Object.entries(report.startedByChannel).map(([c, n]) => `${c} ${n}`).join(', ');
  const reasons = Object.entries(outcomes.escalated.reasons).map(([r, n]) => `${r} ${n}`).join(', ');
  const sections = [
    `softbounce report ${report.period.from} .. ${report.period.to}`,
    `Conversations started: ${report.started}${channels ? ` (${channels})` : ''}; without a mail problem: ${report.unrelated}`,
    table(['Outcome', 'Conversations', 'Share'], [
      rateRow('Resolved', outcomes.resolved),
      rateRow('Routed to a guide', outcomes.routed),
      rateRow('Escalated to support', outcomes.escalated),
      rateRow(`Abandoned (idle ${report.idleHours} h)`, outcomes.abandoned),
      rateRow('Still open', outcomes.open),
    ]) + (reasons ? `\nEscalation reasons: ${reasons}` : ''),
    'Funnel over the checks',
    table(['Check', 'Reached', 'Left there', 'Resolved', 'Routed', 'Escalated'],
      report.funnel.map((f) => [`${f.number}. ${f.title}`, f.reached, f.left, f.resolved, f.routed, f.escalated])),
    `Median time to resolution: ${duration(report.resolutionMinutes.median)} (over ${report.resolutionMinutes.count} resolved)`,
    table(['Reply code', 'Conversations'], report.replyCodes.map((r) => [r.value, r.count])),
    table(['Variation', 'Conversations'], report.variations.map((r) => [r.value, r.count])),
    handoffSection(report),
    `Matcher unsure (confidence < ${matcher.threshold}): ${matcher.unsure} of ${matcher.messages} messages (${pct(matcher.share)})`,
  ];
  if (matcher.examples.length > 0) {
    sections.push(
      'Examples to add to intents/',
      table(['Message', 'Times', 'Guess', 'Confidence', 'At step'],
        matcher.examples.map((e) => [e.text.length > 60 ? `${e.text.slice(0, 59)}…` : e.text, e.count, e.intent, e.confidence.toFixed(2), e.stepId || '(start)'])),
    );
  }
  return `${sections.join('\n\n')}\n`;
}
