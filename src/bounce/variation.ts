/**
 * Which of the SMTP 421 guide's four families a temporary failure belongs to: resource limits (4.2.x /
 * 4.3.x), connection limits and timeouts (4.4.x), policy and greylisting (4.7.x), and downstream or
 * unexpected failures (everything else).
 */
import type { Variation } from '../core/types.js';
import { classOf } from './codes.js';

const GREYLIST = /gr[ae]y ?list/i;
const TEMPORARY_WORDS = /temporar|try (?:again )?later|deferred|will be retried|retry|delayed|transient/i;

/** Words that place a temporary failure without a specific enhanced status in a family. */
const BY_WORDS: Array<[Variation, RegExp]> = [
  ['policy', /polic|reputation|rate limit|ratelimit|too fast|spam|block|dnsbl|\brbl\b|too many errors|not authori[sz]ed|ptr|reverse dns|spf|dkim|dmarc|unsolicited/i],
  ['connection', /too many connections|connection|timed? ?out|timeout|unreachable|no route|network|socket|could not connect|unable to connect|dns/i],
  ['resource', /busy|resource|disk|storage|space|ports|memory|quota|full|overload|load average|insufficient/i],
  ['downstream', /downstream|unexpected|fork|internal|local error|processing/i],
];

/** The 421 family of a temporary failure; null when the failure is permanent or not known to be temporary. */
export function variationOf(replyCode: string, enhancedStatus: string, text: string): Variation | null {
  const statusClass = classOf(enhancedStatus);
  const replyClass = classOf(replyCode);
  const temporary = statusClass ? statusClass === '4' : replyClass ? replyClass === '4' : TEMPORARY_WORDS.test(text);
  if (!temporary) return null;
  if (GREYLIST.test(text)) return 'policy';
  const subject = statusClass === '4' ? enhancedStatus.split('.')[1] : '';
  if (subject === '2' || subject === '3') return 'resource';
  if (subject === '4') return 'connection';
  if (subject === '7') return 'policy';
  // Only an absent or "other" (x.0.x) status leaves the family to the words; 4.1/4.5/4.6 are downstream as the guide says.
  if (subject && subject !== '0') return 'downstream';
  for (const [variation, pattern] of BY_WORDS) if (pattern.test(text)) return variation;
  return 'downstream';
}
