/**
 * Facts picked up from any message, whatever step is waiting: the recipient domain (and its MX check),
 * how long the problem has lasted, the user's MTA, and whether they keep resending.
 */
import { firstMatch, nextMatch } from '../nlu/matches.js';
import type { Classification } from '../nlu/types.js';
import { SLOT } from './slots.js';
import { firstTime, note, type Turn } from './turn.js';

const PROVIDER_DOMAINS: Record<string, string> = {
  gmail: 'gmail.com',
  yahoo: 'yahoo.com',
  outlook: 'outlook.com',
  hotmail: 'hotmail.com',
  aol: 'aol.com',
  icloud: 'icloud.com',
  zoho: 'zoho.com',
  yandex: 'yandex.com',
  gmx: 'gmx.net',
  webde: 'web.de',
  protonmail: 'proton.me',
  comcast: 'comcast.net',
  att: 'att.net',
  cox: 'cox.net',
  charter: 'charter.net',
  btinternet: 'btinternet.com',
  orange: 'orange.fr',
  free: 'free.fr',
  tonline: 't-online.de',
  mailru: 'mail.ru',
  qq: 'qq.com',
  netease: '163.com',
  fastmail: 'fastmail.com',
  mailboxorg: 'mailbox.org',
  bluewin: 'bluewin.ch',
};

/** "mail to t-online.de", "sending to clients at example.com": a domain after these words is the recipient's. */
const ADDRESSED = /\b(?:to|at|towards)\s+(?:[\w.+-]+@)?((?:[a-z0-9-]+\.)+[a-z]{2,})\b/gi;

/** The first domain of the message that follows "to" or "at", if the matcher took it for a domain. */
function addressedDomain(cls: Classification): string | undefined {
  if (cls.entities.domains.length === 0) return undefined;
  for (let m = firstMatch(ADDRESSED, cls.text); m !== null; m = nextMatch(ADDRESSED, cls.text)) {
    const domain = (m[1] ?? '').toLowerCase();
    if (cls.entities.domains.includes(domain)) return domain;
  }
  return undefined;
}

const MINUTE = 60_000;

/** Sets the recipient domain once and asks the edge for an MX check of it. */
export function setRecipientDomain(turn: Turn, domain: string): void {
  const clean = domain.trim().toLowerCase().replace(/\.$/, '');
  if (!clean || turn.state.slots[SLOT.recipientDomain] !== undefined) return;
  turn.state.slots[SLOT.recipientDomain] = clean;
  if (firstTime(turn, `check_mx:${clean}`)) turn.outputs.push({ kind: 'check', check: 'mx', target: clean });
}

/** Records when the problem started from a duration the user gave ("for 2 hours"), keeping the earliest. */
export function noteDuration(turn: Turn, minutes: number): void {
  const since = turn.now - minutes * MINUTE;
  const state = turn.state;
  if (state.problemSince === undefined || since < state.problemSince) state.problemSince = since;
}

/** Takes what every message can tell: durations, domains, MTA, technical level, resending. */
export function absorb(turn: Turn, cls: Classification, options: { plainDomains: boolean }): void {
  const { entities } = cls;
  const slots = turn.state.slots;
  if (entities.durationMinutes !== undefined) {
    noteDuration(turn, entities.durationMinutes);
    if (slots[SLOT.waitedMinutes] === undefined) slots[SLOT.waitedMinutes] = entities.durationMinutes;
  }
  if (entities.provider) slots[SLOT.provider] ??= entities.provider;
  const email = entities.emails.find((e) => e.includes('@'));
  const fromProvider = entities.provider ? PROVIDER_DOMAINS[entities.provider] : undefined;
  const domain = email?.split('@')[1] ?? addressedDomain(cls) ?? fromProvider ?? (options.plainDomains ? entities.domains[0] : undefined);
  if (domain) setRecipientDomain(turn, domain);
  if (entities.mta) slots[SLOT.mta] = entities.mta;
  if (entities.technical || entities.mta) slots[SLOT.technical] = true;
  if (entities.resending && firstTime(turn, 'resending_warning')) note(turn, turn.flow.messages.resending_warning);
  if (slots[SLOT.technical] === true && firstTime(turn, 'advanced')) {
    const mta = slots[SLOT.mta];
    const key = mta === 'exim' ? 'advanced_exim' : mta === 'postfix' ? 'advanced_postfix' : 'advanced_generic';
    note(turn, turn.flow.messages[key]);
  }
}
