/**
 * What the live checks need from a runtime: a DNS resolver and, optionally, a way to read an SMTP greeting.
 * Node implements them with `node:dns` and `node:net`, Workers with DNS-over-HTTPS and `cloudflare:sockets`.
 */

/** One MX record. A null MX (RFC 7505) has the exchange `''` or `'.'`. */
export interface MxRecord {
  exchange: string;
  priority: number;
}

/**
 * A DNS resolver with its own short timeout. A name that exists without records of the type asked
 * resolves to `[]`; every other failure rejects with a `CheckError`.
 */
export interface Resolver {
  mx(domain: string): Promise<MxRecord[]>;
  /** TXT records, each one's character strings joined. */
  txt(name: string): Promise<string[]>;
  /** PTR names of an IPv4 or IPv6 address, without the trailing dot. */
  ptr(ip: string): Promise<string[]>;
  /** IPv4 addresses, or IPv6 when the name has no IPv4 address. */
  addresses(name: string): Promise<string[]>;
}

/** The first reply of an SMTP server: its code and the text of each line. */
export interface SmtpGreeting {
  code: number;
  lines: string[];
}

/** Connects to a mail server, reads its greeting, says QUIT. Rejects with a `CheckError`. */
export type SmtpBanner = (host: string) => Promise<SmtpGreeting>;

/** Why a lookup or connection failed, in a few plain words the bot can show. */
export type CheckErrorCode =
  | 'timeout'
  | 'nxdomain'
  | 'refused'
  | 'servfail'
  | 'unreachable'
  | 'connection_refused'
  | 'bad_reply'
  | 'failed';

/** A failed lookup or connection; `message` is short enough to show to a user as is. */
export class CheckError extends Error {
  constructor(
    readonly code: CheckErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CheckError';
  }
}

/** The plain reasons shared by both runtimes, so the bot says the same thing on each. */
export const reasons = {
  timeout: 'no answer in time',
  nxdomain: 'NXDOMAIN: the domain does not exist',
  refused: 'the DNS server refused the query',
  servfail: 'SERVFAIL: the DNS server could not answer',
  dnsUnreachable: 'the DNS server cannot be reached',
  connectionRefused: 'the mail server refused the connection',
  smtpUnreachable: 'the mail server cannot be reached',
  badGreeting: 'the mail server sent no valid greeting',
} as const;
