/**
 * The live checks' resolver on Node: `node:dns/promises` with its own servers, a short timeout and few
 * tries, so a slow DNS server costs the user a second or two, not the system default of half a minute.
 */
import { isIP } from 'node:net';
import { Resolver as DnsResolver } from 'node:dns/promises';
import { reverseName } from './names.js';
import { CheckError, reasons, type MxRecord, type Resolver } from './types.js';

export interface NodeResolverOptions {
  /** `DNS_SERVER`: an IP address, optionally with a port ("127.0.0.1:5353", "[::1]:53"); the system's when absent. */
  server?: string;
  /** How long one lookup may take, both tries together. */
  timeoutMs: number;
}

const TRIES = 2;

function toCheckError(error: unknown): CheckError {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ETIMEOUT':
      return new CheckError('timeout', reasons.timeout);
    case 'ENOTFOUND':
      return new CheckError('nxdomain', reasons.nxdomain);
    case 'EREFUSED':
      return new CheckError('refused', reasons.refused);
    case 'ESERVFAIL':
      return new CheckError('servfail', reasons.servfail);
    case 'ECONNREFUSED':
      return new CheckError('unreachable', reasons.dnsUnreachable);
    default:
      return new CheckError('failed', `the DNS lookup failed: ${typeof code === 'string' ? code : 'unknown error'}`);
  }
}

async function lookup<T>(work: () => Promise<T[]>, timeoutMs: number): Promise<T[]> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // c-ares adapts its per-try wait to past latency, so its own timeout is not a reliable bound.
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckError('timeout', reasons.timeout)), timeoutMs);
  });
  try {
    return await Promise.race([work(), late]);
  } catch (error) {
    if (error instanceof CheckError) throw error;
    if ((error as { code?: unknown } | null)?.code === 'ENODATA') return [];
    throw toCheckError(error);
  } finally {
    clearTimeout(timer);
  }
}

/** Splits `DNS_SERVER` into the form `setServers` takes, or throws naming the setting. */
function serverAddress(server: string): string {
  const text = server.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  const plain = /^([^:]+)(?::(\d+))?$/.exec(text);
  const host = bracketed?.[1] ?? (isIP(text) === 6 ? text : plain?.[1]);
  const port = bracketed?.[2] ?? (isIP(text) === 6 ? undefined : plain?.[2]);
  if (!host || isIP(host) === 0 || (port !== undefined && (Number(port) < 1 || Number(port) > 65535))) {
    throw new Error(`DNS_SERVER must be an IP address with an optional port, like 192.0.2.53 or 192.0.2.53:5353 (got "${server}")`);
  }
  if (port === undefined) return host;
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}

/** A resolver for the live checks; throws at creation when `server` is not an address. */
export function createNodeResolver(options: NodeResolverOptions): Resolver {
  const { timeoutMs } = options;
  const resolver = new DnsResolver({ timeout: Math.max(50, Math.floor(timeoutMs / TRIES)), tries: TRIES });
  if (options.server) resolver.setServers([serverAddress(options.server)]);
  return {
    mx: (domain) => lookup<MxRecord>(() => resolver.resolveMx(domain), timeoutMs),
    txt: (name) => lookup(async () => (await resolver.resolveTxt(name)).map((parts) => parts.join('')), timeoutMs),
    ptr: (ip) => {
      const name = reverseName(ip);
      if (!name) return Promise.reject(new CheckError('failed', 'not an IP address'));
      // resolvePtr on the arpa name asks the DNS server; reverse() would answer from /etc/hosts first.
      return lookup(() => resolver.resolvePtr(name), timeoutMs);
    },
    addresses: async (name) => {
      const v4 = await lookup(() => resolver.resolve4(name), timeoutMs);
      return v4.length > 0 ? v4 : lookup(() => resolver.resolve6(name), timeoutMs);
    },
  };
}
