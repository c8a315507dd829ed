/** Reads how long a problem has lasted ("for 2 hours", "30 mins", "since yesterday") as minutes. */

import { firstMatch, nextMatch } from './matches.js';

const WORD_NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, 'a couple of': 2, 'a couple': 2,
  couple: 2, 'a few': 3, few: 3, several: 4, 'half an': 0.5, 'half a': 0.5,
};

const UNIT_MINUTES: [RegExp, number][] = [
  [/^(?:m|mins?|minutes?)$/, 1],
  [/^(?:h|hrs?|hours?)$/, 60],
  [/^(?:d|days?)$/, 1440],
  [/^(?:w|wks?|weeks?)$/, 10080],
];

const AMOUNT = String.raw`(\d+(?:\.\d+)?|a couple of|a couple|couple|a few|few|several|half an|half a|an|a|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty)`;
const SPAN = new RegExp(
  String.raw`(?<![\w.:=/-])${AMOUNT}\s*(?:-\s*\d+\s*)?\+?\s*(minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w)\b`,
  'gi',
);

/** "invoices a day", "100 an hour", "twice a week": a rate, not how long something has lasted. */
const RATE_BEFORE =
  /(?:\d|\b(?:e-?mails|mails|messages|invoices|newsletters|times|replies|orders|receipts|notifications|campaigns|recipients|people|customers|clients|twice|once|dozen|handful|few|lot|bunch|batch|hundreds?|thousands?))\s+$/i;

function unitMinutes(unit: string): number | undefined {
  const u = unit.toLowerCase();
  return UNIT_MINUTES.find(([re]) => re.test(u))?.[1];
}

function amountValue(amount: string): number | undefined {
  const a = amount.toLowerCase();
  return /^\d/.test(a) ? Number(a) : WORD_NUMBERS[a];
}

/**
 * Compiles a reader that returns the first duration in a text, in minutes. Relative phrases come from the model
 * data (lower-case phrase to minutes); "since this morning" cannot know the clock, so the data gives it a typical
 * length.
 */
export function compileDurationReader(relative: Record<string, number>): (text: string) => number | undefined {
  const byPhrase = new Map(Object.entries(relative).map(([p, m]) => [p.toLowerCase(), m]));
  const alts = [...byPhrase.keys()].sort((a, b) => b.length - a.length).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const phrase = new RegExp(String.raw`\b(?:${alts.join('|')})\b`);
  return (text) => {
    const lower = text.toLowerCase();
    let best: { at: number; minutes: number } | undefined;
    for (let m = firstMatch(SPAN, lower); m !== null; m = nextMatch(SPAN, lower)) {
      const amount = amountValue(m[1] ?? '');
      const unit = unitMinutes(m[2] ?? '');
      // A lone "m", "h", "d" or "w" needs a digit right before it ("30m"), else "a d" or "an h" would count.
      if (amount === undefined || unit === undefined) continue;
      if (/^[mhdw]$/.test(m[2] ?? '') && !/^\d/.test(m[1] ?? '')) continue;
      if (/^an?$/i.test(m[1] ?? '') && RATE_BEFORE.test(lower.slice(Math.max(0, m.index - 20), m.index))) continue;
      best = { at: m.index, minutes: Math.round(amount * unit) };
      break;
    }
    const rel = phrase.exec(lower);
    const minutes = rel ? byPhrase.get(rel[0]) : undefined;
    if (rel && minutes !== undefined && (best === undefined || rel.index < best.at)) best = { at: rel.index, minutes };
    return best?.minutes;
  };
}
