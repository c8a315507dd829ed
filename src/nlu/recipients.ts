/** How many receiving providers and domains a message names (for "one domain or several?"). */

import { firstMatch, nextMatch } from './matches.js';

/** Endings people name instead of a domain: "a couple of .co.za addresses". */
const DOMAIN_ENDING = /(?<![\w.])\.[a-z]{2,6}(?:\.[a-z]{2})?\b/gi;

/**
 * Counts the distinct receiving providers and domains a message names, so "bigpond, icloud and some .co.za ones"
 * reads as several domains. Providers are matched at a word start, like the entity extractor does.
 */
export function compileRecipientCounter(providers: Record<string, string[]>): (text: string, domains: string[]) => number {
  const aliases = Object.entries(providers).flatMap(([name, list]) => list.map((alias) => [alias.toLowerCase(), name] as const));
  const byAlias = new Map(aliases);
  const known = [...byAlias.keys()];
  const escaped = [...byAlias.keys()].sort((a, b) => b.length - a.length).map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<![\\w.])(?:${escaped.join('|')})(?![\\w])`, 'gi');
  return (text, domains) => {
    const names = new Set<string>();
    for (let m = firstMatch(pattern, text); m !== null; m = nextMatch(pattern, text)) names.add(byAlias.get(m[0].toLowerCase()) ?? m[0]);
    for (const domain of domains) if (!known.some((a) => domain.endsWith(a))) names.add(domain);
    for (let m = firstMatch(DOMAIN_ENDING, text); m !== null; m = nextMatch(DOMAIN_ENDING, text)) if (!domains.some((d) => d.endsWith(m[0].toLowerCase()))) names.add(m[0].toLowerCase());
    return names.size;
  };
}
