/**
 * Reads RFC 3464 delivery-status fields: one per-message group (Reporting-MTA, ...) and one group per
 * recipient (Final-Recipient, Action, Status, Remote-MTA, Diagnostic-Code). Works on a
 * message/delivery-status part and on DSN fields pasted or embedded in plain text.
 */

/** One per-recipient group, values with their type prefix ("rfc822;", "dns;", "smtp;") removed. */
export interface DsnRecipient {
  finalRecipient: string;
  originalRecipient: string;
  action: string;
  status: string;
  remoteMta: string;
  diagnosticCode: string;
}

export interface DsnReport {
  reportingMta: string;
  recipients: DsnRecipient[];
}

const FIELD = /^([A-Za-z][A-Za-z0-9-]*)[ \t]*:[ \t]*(.*)$/;
const RECIPIENT_FIELDS = new Set(['final-recipient', 'original-recipient', 'x-actual-recipient']);

/** Parses every DSN field in the text; recipients without a Final- or Original-Recipient are dropped. */
export function parseDsn(text: string): DsnReport {
  const report: DsnReport = { reportingMta: '', recipients: [] };
  let group: Map<string, string> = new Map();
  const groups: Map<string, string>[] = [group];
  let last = '';
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') {
      if (group.size > 0) groups.push((group = new Map()));
      last = '';
      continue;
    }
    if (/^[ \t]/.test(line) && last) {
      group.set(last, `${group.get(last) ?? ''} ${line.trim()}`);
      continue;
    }
    const m = FIELD.exec(line);
    if (!m) {
      last = '';
      continue;
    }
    const name = (m[1] ?? '').toLowerCase();
    const startsRecipient = name === 'final-recipient' || name === 'original-recipient';
    if (startsRecipient && group.has(name)) {
      groups.push((group = new Map()));
    }
    if (!group.has(name)) group.set(name, (m[2] ?? '').trim());
    last = name;
  }
  for (const g of groups) {
    if (!report.reportingMta && g.has('reporting-mta')) report.reportingMta = stripType(g.get('reporting-mta') ?? '');
    if (![...g.keys()].some((k) => RECIPIENT_FIELDS.has(k))) continue;
    report.recipients.push({
      finalRecipient: cleanAddress(stripType(g.get('final-recipient') ?? g.get('x-actual-recipient') ?? '')),
      originalRecipient: cleanAddress(stripType(g.get('original-recipient') ?? '')),
      action: stripType(g.get('action') ?? '').toLowerCase(),
      status: (g.get('status') ?? '').trim(),
      remoteMta: stripType(g.get('remote-mta') ?? ''),
      diagnosticCode: stripType(g.get('diagnostic-code') ?? ''),
    });
  }
  return report;
}

/** True when the text carries at least one per-recipient DSN field at a line start. */
export function hasDsnFields(text: string): boolean {
  return /^(?:Final|Original)-Recipient[ \t]*:/im.test(text);
}

function stripType(value: string): string {
  const m = /^\s*(rfc822|dns|smtp|x-[a-z0-9-]+|utf-8|unknown|x400)\s*;\s*(.*)$/is.exec(value);
  return (m ? (m[2] ?? '') : value).trim();
}

/** Removes angle brackets, quotes and trailing punctuation; from a pipe or file target it takes the address it names. */
export function cleanAddress(value: string): string {
  const inAngle = /<([^<>\s]+@[^<>\s]+)>/.exec(value);
  const tokens = value.trim().split(/\s+/);
  const raw = inAngle ? (inAngle[1] ?? '') : (tokens.find((t) => /^[^|\/].*@/.test(t)) ?? tokens[0] ?? '');
  return raw.replace(/^["'<(]+|[>"')\].,;:]+$/g, '');
}
