/** Finding the remote mail server named in bounce text or a log line. */

const NAME = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?){1,8}\\.?';
const IP = '(?:\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]+)';

/** Patterns that name a server which answered, most trusted first. */
const ANSWERED: RegExp[] = [
  new RegExp(`\\b(?:relay|H)=(${NAME}|\\[${IP}\\])\\s*\\[(${IP})\\]`, 'i'),
  new RegExp(`\\bhost\\s+(${NAME}|${IP})\\s*\\[(${IP})\\](?::\\d+)?\\s*(?:said|refused|:|\\))`, 'i'),
  new RegExp(`\\bwhile talking to\\s+\\[?(${NAME}|${IP})\\]?\\s*[.:]`, 'i'),
  new RegExp(`\\bhost\\s+(${NAME}|${IP})\\s*\\[(${IP})\\]`, 'i'),
  new RegExp(`(?:^|\\s)(${IP}|${NAME})(?:\\s*\\[(${IP})\\])? (?:does not like|did not like|failed after I sent)`, 'im'),
  new RegExp(`\\b(?:Connected to|Giving up on)\\s+\\[?(${IP}|${NAME})\\]?`, 'i'),
  new RegExp(`\\b(?:remote host|remote server|remote mta|host)\\s*:\\s*\\[?(${NAME}|${IP})\\]?`, 'i'),
  new RegExp(`\\b(?:mail server|MX host|server|host)\\s+\\[?(${NAME})\\]?\\s*(?:\\[(${IP})\\])?\\s*(?:said|returned|replied|responded|refused|rejected)`, 'i'),
];

/** Patterns that name a server the MTA tried to reach without getting an answer. */
const ATTEMPTED: RegExp[] = [
  new RegExp(`\\bconnect to\\s+(${NAME}|${IP})\\s*\\[(${IP})\\]`, 'i'),
  new RegExp(`\\((?:\\d+)\\)\\s+(${NAME})\\s+\\[(${IP})\\]`, 'i'),
  new RegExp(`\\bwith\\s+(${NAME})\\s*$`, 'im'),
  new RegExp(`\\bconnect to\\s+(${NAME})`, 'i'),
];

const NOT_HOSTS = /^(?:[245]\d\d-|localhost$|unknown$)/i;

/** The server that answered, named in the text (name, or address when it has no name), or ''. */
export function findRemoteHost(text: string): string {
  return firstHost(text, ANSWERED);
}

/** The server the MTA tried to reach when no server answered (connection failures), or ''. */
export function findAttemptedHost(text: string): string {
  return firstHost(text, ATTEMPTED);
}

function firstHost(text: string, patterns: RegExp[]): string {
  for (const pattern of patterns) {
    const m = pattern.exec(text);
    if (!m) continue;
    const host = pick(m[1] ?? '', m[2] ?? '');
    if (host) return host;
  }
  return '';
}

/** Normalises a host from a DSN Remote-MTA / Reporting-MTA field ("dns; mx.example.com [192.0.2.1]"). */
export function cleanHost(value: string): string {
  const m = new RegExp(`(${NAME}|${IP})`).exec(value.replace(/^\s*dns\s*;/i, ''));
  return m ? stripDot(m[1] ?? '') : '';
}

function pick(name: string, ip: string): string {
  const clean = stripDot(name.replace(/^\[|\]$/g, ''));
  if (clean && !NOT_HOSTS.test(clean)) return clean;
  return ip;
}

function stripDot(host: string): string {
  return host.replace(/\.$/, '');
}

/**
 * The host that received the message last before the bounce was written: the `by` host of the oldest
 * Received header of the bounce itself. Used when the text names no server, because then the bounce was
 * usually written by the server that refused the message.
 */
export function receivedByHost(received: string[]): string {
  for (let i = received.length - 1; i >= 0; i--) {
    const m = /\bby\s+\[?([A-Za-z0-9][A-Za-z0-9.:-]*[A-Za-z0-9])\]?/i.exec(received[i] ?? '');
    if (m && m[1] && !/^(?:with|id|for)$/i.test(m[1])) return stripDot(m[1]);
  }
  return '';
}
