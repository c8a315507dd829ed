/**
 * Scores the explainer against the bounce corpus (`shared/corpora/bounces/expected.jsonl`): per-field
 * agreement, the weak MTA families and the individual misses. Pure: the caller reads the files.
 */
import type { BounceRecipient, BounceReport } from './types.js';

/** One line of expected.jsonl (only the fields the score uses). */
export interface ExpectedLine {
  file: string;
  recipient_index: number;
  recipient: string;
  replycode: string;
  status: string;
  temporary: boolean;
  delay_notice: boolean;
  reason: string;
  rhost: string;
  status_is_sisimai_internal: boolean;
  mta: string;
  alt_expectations?: Array<{ status?: string; replycode?: string; reason?: string; temporary?: boolean }>;
}

export type Field = 'temporary' | 'replyCode' | 'enhancedStatus' | 'remoteHost' | 'address' | 'reason';

export interface FieldScore {
  hits: number;
  total: number;
  rate: number;
}

export interface Miss {
  file: string;
  mta: string;
  field: Field;
  expected: string;
  got: string;
}

export interface ScoreReport {
  fields: Record<Field, FieldScore>;
  /** Per MTA family: its lines, and the lines with at least one miss on a target field. */
  families: Record<string, { lines: number; missed: number }>;
  misses: Miss[];
}

/** The agreement the explainer must reach on the corpus (share of scored lines). */
export const TARGETS: Partial<Record<Field, number>> = { temporary: 0.97, replyCode: 0.95, enhancedStatus: 0.95, remoteHost: 0.9 };

const TARGET_FIELDS = new Set<Field>(['temporary', 'replyCode', 'enhancedStatus', 'remoteHost']);

/** Compares explainer output (keyed by file name) with the expected lines. */
export function scoreBounces(lines: ExpectedLine[], results: Map<string, BounceReport>): ScoreReport {
  const tally = new Map<Field, { hits: number; total: number }>();
  const families: ScoreReport['families'] = {};
  const misses: Miss[] = [];
  const used = new Map<string, Set<number>>();
  for (const line of lines) {
    const got = matchRecipient(line, results.get(line.file)?.recipients ?? [], used);
    const family = (families[line.mta] ??= { lines: 0, missed: 0 });
    family.lines++;
    let missed = false;
    for (const [field, expected, actual, ok] of checks(line, got)) {
      const t = tally.get(field) ?? { hits: 0, total: 0 };
      t.total++;
      if (ok) t.hits++;
      else {
        misses.push({ file: line.file, mta: line.mta, field, expected, got: actual });
        if (TARGET_FIELDS.has(field)) missed = true;
      }
      tally.set(field, t);
    }
    if (missed) family.missed++;
  }
  const fields = {} as Record<Field, FieldScore>;
  for (const field of ['temporary', 'replyCode', 'enhancedStatus', 'remoteHost', 'address', 'reason'] as Field[]) {
    const t = tally.get(field) ?? { hits: 0, total: 0 };
    fields[field] = { ...t, rate: t.total === 0 ? 1 : t.hits / t.total };
  }
  return { fields, families, misses };
}

type Check = [Field, string, string, boolean];

function checks(line: ExpectedLine, got: BounceRecipient | undefined): Check[] {
  const alts = line.alt_expectations ?? [];
  const out: Check[] = [];
  const temporary = got?.temporary;
  const temporaryOk =
    temporary === line.temporary || (line.delay_notice && temporary === true) || alts.some((a) => a.temporary === temporary);
  out.push(['temporary', String(line.temporary) + (line.delay_notice ? ' (delay notice)' : ''), String(temporary), temporaryOk]);
  if (line.replycode) {
    const value = got?.replyCode ?? '';
    out.push(['replyCode', line.replycode, value, value === line.replycode || alts.some((a) => a.replycode === value && value !== '')]);
  }
  if (!line.status_is_sisimai_internal && line.status) {
    const value = got?.enhancedStatus ?? '';
    out.push(['enhancedStatus', line.status, value, value === line.status || alts.some((a) => a.status === value && value !== '')]);
  }
  if (line.rhost) {
    const value = got?.remoteHost ?? '';
    out.push(['remoteHost', line.rhost, value, sameHost(value, line.rhost)]);
  }
  if (line.recipient) {
    const value = got?.address ?? '';
    out.push(['address', line.recipient, value, value.toLowerCase() === line.recipient.toLowerCase()]);
  }
  const reason = got?.reason ?? '';
  out.push(['reason', line.reason, reason, reason === line.reason || alts.some((a) => a.reason === reason)]);
  return out;
}

/** By address first (an address listed twice in the corpus matches the same answer), then by position. */
function matchRecipient(line: ExpectedLine, recipients: BounceRecipient[], used: Map<string, Set<number>>): BounceRecipient | undefined {
  const taken = used.get(line.file) ?? new Set<number>();
  used.set(line.file, taken);
  const wanted = line.recipient.toLowerCase();
  let index = wanted ? recipients.findIndex((r, i) => !taken.has(i) && r.address.toLowerCase() === wanted) : -1;
  if (index < 0 && wanted) index = recipients.findIndex((r) => r.address.toLowerCase() === wanted);
  if (index < 0) index = recipients.findIndex((_, i) => !taken.has(i) && i === line.recipient_index - 1);
  if (index < 0) index = recipients.findIndex((_, i) => !taken.has(i));
  if (index < 0) return undefined;
  taken.add(index);
  return recipients[index];
}

function sameHost(a: string, b: string): boolean {
  const norm = (h: string): string => h.trim().toLowerCase().replace(/\.$/, '');
  return norm(a) === norm(b);
}
