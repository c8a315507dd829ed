/**
 * The analytics report as an HTML fragment with inline SVG charts, rendered on the server so the page needs
 * no chart library. Every text from the data (user messages included) is escaped.
 */
import type { AnalyticsReport, Ranked } from '../analytics/types.js';

const COLORS = { resolved: '#2e8540', routed: '#6f4ea8', escalated: '#d9822b', abandoned: '#8a96a3', open: '#4a90d9' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

function minutesText(minutes: number | null): string {
  if (minutes === null) return 'n/a';
  return minutes < 90 ? `${Math.round(minutes)} min` : `${(minutes / 60).toFixed(1)} h`;
}

function tiles(report: AnalyticsReport): string {
  const items: [string, string][] = [
    ['Conversations started', String(report.started)],
    ['Without a mail problem', String(report.unrelated)],
    ['Resolved', pct(report.outcomes.resolved.share)],
    ['Escalated', pct(report.outcomes.escalated.share)],
    ['Median time to resolution', minutesText(report.resolutionMinutes.median)],
    ['Matcher unsure', pct(report.matcher.share)],
  ];
  return `<div class="tiles">${items.map(([k, v]) => `<div class="tile"><div class="value">${escapeHtml(v)}</div><div class="label">${escapeHtml(k)}</div></div>`).join('')}</div>`;
}

function outcomeBar(report: AnalyticsReport): string {
  const parts = (['resolved', 'routed', 'escalated', 'abandoned', 'open'] as const).map((name) => ({ name, ...report.outcomes[name] }));
  let x = 0;
  const rects = parts.filter((p) => p.count > 0).map((p) => {
    const width = p.share * 100;
    const rect = `<rect x="${x.toFixed(2)}%" y="0" width="${width.toFixed(2)}%" height="28" fill="${COLORS[p.name]}"><title>${p.name}: ${p.count} (${pct(p.share)})</title></rect>`;
    x += width;
    return rect;
  });
  const legend = parts.map((p) => `<li><span class="swatch" style="background:${COLORS[p.name]}"></span>${p.name} ${p.count} (${pct(p.share)})</li>`).join('');
  const reasons = Object.entries(report.outcomes.escalated.reasons).map(([r, n]) => `${escapeHtml(r.replace(/_/g, ' '))} ${n}`).join(', ');
  return `<section><h2>Outcomes</h2><svg class="bar" width="100%" height="28" role="img" aria-label="Outcomes">${rects.join('')}</svg>` +
    `<ul class="legend">${legend}</ul>${reasons ? `<p class="note">Escalation reasons: ${reasons}</p>` : ''}</section>`;
}

const FUNNEL = { width: 900, label: 250, bar: 590, row: 34 };

function funnel(report: AnalyticsReport): string {
  const max = Math.max(1, ...report.funnel.map((f) => f.reached));
  const scale = (n: number) => (n / max) * FUNNEL.bar;
  const rows = report.funnel.map((f, i) => {
    const y = i * FUNNEL.row;
    let x = FUNNEL.label;
    // Under the "reached" bar, what happened at this check: outcomes reached here, then those who left.
    const segments = ([['resolved', f.resolved], ['routed', f.routed], ['escalated', f.escalated], ['abandoned', f.left]] as const)
      .filter(([, n]) => n > 0).map(([name, n]) => {
        const seg = `<rect x="${x.toFixed(1)}" y="${y + 21}" width="${scale(n).toFixed(1)}" height="7" fill="${COLORS[name]}"><title>${name} here: ${n}</title></rect>`;
        x += scale(n);
        return seg;
      });
    return `<text x="0" y="${y + 16}" class="label">${f.number}. ${escapeHtml(f.title)}</text>` +
      `<rect x="${FUNNEL.label}" y="${y + 4}" width="${Math.max(1, scale(f.reached)).toFixed(1)}" height="15" fill="#bcd3ee"><title>reached: ${f.reached}</title></rect>` +
      `${segments.join('')}<text x="${FUNNEL.width}" y="${y + 16}" text-anchor="end" class="num">${f.reached}</text>`;
  });
  const height = report.funnel.length * FUNNEL.row;
  const table = report.funnel.map((f) => `<tr><td>${f.number}. ${escapeHtml(f.title)}</td><td>${f.reached}</td><td>${f.left}</td><td>${f.resolved}</td><td>${f.routed}</td><td>${f.escalated}</td></tr>`).join('');
  return `<section><h2>Funnel over the checks</h2><svg class="funnel" viewBox="0 0 ${FUNNEL.width} ${height}" width="${FUNNEL.width}" height="${height}" role="img" aria-label="Funnel">${rows.join('')}</svg>` +
    `<p class="note">Light bar: conversations that reached the check. Thin bar: resolved, routed, escalated there, and left there (abandoned).</p>` +
    `<table><thead><tr><th>Check</th><th>Reached</th><th>Left there</th><th>Resolved</th><th>Routed</th><th>Escalated</th></tr></thead><tbody>${table}</tbody></table></section>`;
}

const HANDOFF = { width: 900, label: 250, bar: 520, row: 30 };

/** The handoff funnel as bars, each stage against the cases queued, with times and who took them. */
function handoff(report: AnalyticsReport): string {
  const h = report.handoff;
  const stages: [string, number, string][] = [
    ['Queued', h.queued, '#d9822b'],
    ['Taken by an agent', h.taken, '#4a90d9'],
    ['Agent replied', h.firstReply, '#4a90d9'],
    ['Handed back to the bot', h.handedBack, '#6f4ea8'],
    ['Closed by an agent', h.closed, '#2e8540'],
  ];
  const max = Math.max(1, h.queued);
  const rows = stages.map(([name, n, color], i) => {
    const y = i * HANDOFF.row;
    const share = h.queued ? pct(n / h.queued) : '0.0%';
    return `<text x="0" y="${y + 16}" class="label">${escapeHtml(name)}</text>` +
      `<rect x="${HANDOFF.label}" y="${y + 4}" width="${Math.max(1, (n / max) * HANDOFF.bar).toFixed(1)}" height="16" fill="${color}"><title>${escapeHtml(name)}: ${n} (${share})</title></rect>` +
      `<text x="${HANDOFF.width}" y="${y + 16}" text-anchor="end" class="num">${n} (${share})</text>`;
  });
  const height = stages.length * HANDOFF.row;
  const notes = [
    `Median time to take: ${minutesText(h.minutesToTake.median)} (over ${h.minutesToTake.count}); to the first agent reply: ${minutesText(h.minutesToFirstReply.median)} (over ${h.minutesToFirstReply.count}). Still with the agents: ${h.open}.`,
    ...(h.takenBy.length ? [`Taken by: ${h.takenBy.map((r) => `${escapeHtml(r.value)} ${r.count}`).join(', ')}`] : []),
    ...(h.handedBackAt.length ? [`Handed back at: ${h.handedBackAt.map((r) => `check ${r.check} (${escapeHtml(r.title)}) ${r.count}`).join(', ')}`] : []),
  ];
  return `<section><h2>Handoff funnel</h2><svg class="handoff" viewBox="0 0 ${HANDOFF.width} ${height}" width="${HANDOFF.width}" height="${height}" role="img" aria-label="Handoff funnel">${rows.join('')}</svg>` +
    notes.map((n) => `<p class="note">${n}</p>`).join('') + '</section>';
}

function ranked(title: string, items: Ranked[]): string {
  if (items.length === 0) return `<section class="half"><h2>${escapeHtml(title)}</h2><p class="note">None in this period.</p></section>`;
  const max = Math.max(...items.map((i) => i.count));
  const rows = items.map((item, i) =>
    `<text x="0" y="${i * 24 + 15}" class="label">${escapeHtml(item.value)}</text>` +
    `<rect x="110" y="${i * 24 + 4}" width="${Math.max(2, (item.count / max) * 220).toFixed(1)}" height="14" fill="#4a90d9"></rect>` +
    `<text x="${(item.count / max) * 220 + 116}" y="${i * 24 + 15}" class="num">${item.count}</text>`).join('');
  return `<section class="half"><h2>${escapeHtml(title)}</h2><svg width="380" height="${items.length * 24}" role="img" aria-label="${escapeHtml(title)}">${rows}</svg></section>`;
}

function unsure(report: AnalyticsReport): string {
  const { matcher } = report;
  const head = `<p>${matcher.unsure} of ${matcher.messages} typed or clicked messages (${pct(matcher.share)}) had a confidence below ${matcher.threshold}.</p>`;
  if (matcher.examples.length === 0) return `<section><h2>Matcher unsure</h2>${head}</section>`;
  const rows = matcher.examples.map((e) => `<tr><td class="text">${escapeHtml(e.text)}</td><td>${e.count}</td><td>${escapeHtml(e.intent)}</td><td>${e.confidence.toFixed(2)}</td><td>${escapeHtml(e.stepId || '(start)')}</td></tr>`).join('');
  return `<section><h2>Matcher unsure: examples to add to intents/</h2>${head}<table><thead><tr><th>Message</th><th>Times</th><th>Guess</th><th>Confidence</th><th>At step</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

/** The report body the agents' page shows. */
export function renderReportHtml(report: AnalyticsReport): string {
  const period = `${report.period.from.slice(0, 16).replace('T', ' ')} to ${report.period.to.slice(0, 16).replace('T', ' ')} UTC`;
  return `<p class="period">${escapeHtml(period)}</p>${tiles(report)}${outcomeBar(report)}${funnel(report)}${handoff(report)}` +
    `<div class="pair">${ranked('Top reply codes', report.replyCodes)}${ranked('Variations', report.variations)}</div>${unsure(report)}`;
}
