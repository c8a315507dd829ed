/**
 * The live checks' resolver over DNS-over-HTTPS (the JSON API: `?name=&type=` with `application/dns-json`).
 * It needs only `fetch`, so it runs on Workers, which cannot send plain DNS queries.
 */
import { reverseName } from './names.js';
import { CheckError, reasons, type MxRecord, type Resolver } from './types.js';

export interface DohResolverOptions {
  /** `DOH_URL`, e.g. https://cloudflare-dns.com/dns-query. */
  url: string;
  /** How long one lookup may take. */
  timeoutMs: number;
  /** Defaults to the global `fetch`. */
  fetch?: (input: URL, init: RequestInit) => Promise<Response>;
}

const TYPE_CODES = { A: 1, PTR: 12, MX: 15, TXT: 16, AAAA: 28 } as const;
type RecordType = keyof typeof TYPE_CODES;

interface DohAnswer {
  type?: unknown;
  data?: unknown;
}

const unreadable = () => new CheckError('failed', 'the DNS-over-HTTPS service sent an unreadable answer');
const isTimeout = (error: unknown) =>
  error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');

function statusError(status: number): CheckError {
  if (status === 3) return new CheckError('nxdomain', reasons.nxdomain);
  if (status === 2) return new CheckError('servfail', reasons.servfail);
  if (status === 5) return new CheckError('refused', reasons.refused);
  return new CheckError('failed', `the DNS lookup failed: rcode ${status}`);
}

/** TXT data comes as one or more quoted strings with `\"` and `\DDD` escapes; some services send it bare. */
export function parseTxtData(data: string): string {
  if (!data.startsWith('"')) return data;
  const parts = [...data.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => match[1] ?? '');
  return parts
    .join('')
    .replace(/\\(\d{3}|.)/g, (_, escaped: string) =>
      escaped.length === 3 ? String.fromCharCode(Number(escaped)) : escaped,
    );
}

const stripDot = (name: string) => name.replace(/\.$/, '');

/** A resolver for the live checks that speaks DNS-over-HTTPS JSON. */
export function createDohResolver(options: DohResolverOptions): Resolver {
  const send = options.fetch ?? ((input: URL, init: RequestInit) => fetch(input, init));

  async function query(name: string, type: RecordType): Promise<string[]> {
    const url = new URL(options.url);
    url.searchParams.set('name', name);
    url.searchParams.set('type', type);
    let body: unknown;
    try {
      const response = await send(url, {
        headers: { accept: 'application/dns-json' },
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      if (!response.ok) throw new CheckError('failed', `the DNS-over-HTTPS service answered HTTP ${response.status}`);
      body = await response.json().catch((error: unknown) => {
        throw isTimeout(error) ? error : unreadable();
      });
    } catch (error) {
      if (error instanceof CheckError) throw error;
      if (isTimeout(error)) throw new CheckError('timeout', reasons.timeout);
      throw new CheckError('unreachable', 'the DNS-over-HTTPS service cannot be reached');
    }
    const reply = body as { Status?: unknown; Answer?: unknown } | null;
    if (typeof reply?.Status !== 'number') throw unreadable();
    if (reply.Status !== 0) throw statusError(reply.Status);
    const answers: DohAnswer[] = Array.isArray(reply.Answer) ? reply.Answer : [];
    // Answers may include the CNAME chain that led to the records asked for; keep only the type asked.
    return answers
      .filter((answer) => answer.type === TYPE_CODES[type] && typeof answer.data === 'string')
      .map((answer) => String(answer.data));
  }

  return {
    mx: async (domain) => {
      const records: MxRecord[] = [];
      for (const data of await query(domain, 'MX')) {
        const match = /^(\d+)\s+(\S+)$/.exec(data.trim());
        if (!match?.[1] || !match[2]) throw unreadable();
        records.push({ priority: Number(match[1]), exchange: stripDot(match[2]) });
      }
      return records;
    },
    txt: async (name) => (await query(name, 'TXT')).map(parseTxtData),
    ptr: async (ip) => {
      const name = reverseName(ip);
      if (!name) throw new CheckError('failed', 'not an IP address');
      return (await query(name, 'PTR')).map(stripDot);
    },
    addresses: async (name) => {
      const v4 = await query(name, 'A');
      return v4.length > 0 ? v4 : query(name, 'AAAA');
    },
  };
}
