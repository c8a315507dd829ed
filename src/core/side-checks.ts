/**
 * Side requests for a live check at any step ("check my SPF for example.com", "reverse dns for 1.2.3.4"),
 * read from the message text and its entities. Pasted bounces are never read as requests: a message with a
 * reply code is an error to explain, even when it mentions SPF.
 */
import type { Classification } from '../nlu/types.js';
import { sayMessage, type Turn } from './turn.js';
import type { CheckKind } from './types.js';

const ASKED_FOR: [CheckKind, RegExp][] = [
  ['spf', /\bspf\b/i],
  ['dmarc', /\bdmarc\b/i],
  ['ptr', /\b(ptr|rdns|reverse[\s-]*(dns|lookup|record|name))\b/i],
];

/** Words that make a bare "SPF" a request rather than a passing mention. */
const REQUEST_CUE = /\b(check|look|verify|test|what|whats|show|is|are)\b|\?/i;
/** Longer messages are pastes (logs, headers), not requests. */
const MAX_REQUEST_CHARS = 300;

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`(?<![\\d.])${OCTET}(?:\\.${OCTET}){3}(?![\\d.])`);
const IPV6 = /(?<![\w:])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])/i;

/** The first IPv4 or IPv6 address written in `text`. */
export function ipIn(text: string): string | undefined {
  const v4 = IPV4.exec(text)?.[0];
  if (v4) return v4;
  const v6 = IPV6.exec(text)?.[0];
  // Times like 10:30:00 also have colons; an IPv6 address has "::" or all eight groups.
  return v6 && (v6.includes('::') || v6.split(':').length === 8) && /[0-9a-f]/i.test(v6) ? v6 : undefined;
}

/** The domain a side check is about: a plain domain in the text, else the domain of an address. */
function domainIn(cls: Classification): string | undefined {
  const plain = cls.entities.domains.find((domain) => !/^[\d.]+$/.test(domain));
  return (plain ?? cls.entities.emails.map((email) => email.split('@')[1]).find(Boolean))?.toLowerCase().replace(/\.$/, '');
}

/**
 * Reads a side request and acts on it. `queued`: the checks were asked for and the question comes back
 * after their results; `answered`: the bot replied at once (which target? checks off) and the waiting
 * question should be asked again now; undefined: the message is not a side request.
 */
export function sideCheckRequest(turn: Turn, cls: Classification): 'queued' | 'answered' | undefined {
  const { entities } = cls;
  const text = cls.text;
  if (text.length > MAX_REQUEST_CHARS || entities.replyCode || entities.enhancedStatus) return undefined;
  const kinds = ASKED_FOR.filter(([, pattern]) => pattern.test(text)).map(([kind]) => kind);
  if (kinds.length === 0) return undefined;
  const ip = ipIn(text);
  const domain = domainIn(cls);
  const requests = kinds.flatMap((check) => {
    const target = check === 'ptr' ? ip : domain;
    return target ? [{ check, target }] : [];
  });
  if (requests.length === 0) {
    if (!REQUEST_CUE.test(text)) return undefined;
    turn.understood = true;
    sayMessage(turn, 'check_need_target');
    return 'answered';
  }
  turn.understood = true;
  if (!turn.deps.liveChecks) {
    sayMessage(turn, 'check_unavailable');
    return 'answered';
  }
  turn.state.pendingChecks = requests.map((r) => `${r.check}:${r.target}`);
  for (const request of requests) turn.outputs.push({ kind: 'check', ...request });
  return 'queued';
}
