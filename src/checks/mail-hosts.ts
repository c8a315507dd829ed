/**
 * Where mail for a domain goes: its MX hosts in order of preference with their addresses, the RFC 5321 §5.1
 * fallback to the domain's own address when it has no MX, or a null MX (RFC 7505) that refuses all mail.
 */
import type { Resolver } from './types.js';

/** More MX hosts than anyone publishes; a cap keeps one check's lookups bounded. */
const MAX_HOSTS = 10;

export interface MailHost {
  exchange: string;
  priority: number;
  /** Empty when the host name does not resolve. */
  addresses: string[];
}

/** The mail route of a domain. `implicit` marks the no-MX fallback to the domain itself. */
export type MailRoute =
  | { kind: 'hosts'; hosts: MailHost[]; implicit: boolean; more: number }
  | { kind: 'null_mx' }
  | { kind: 'none' };

const isNullExchange = (exchange: string) => exchange === '' || exchange === '.';
const cleanName = (name: string) => name.toLowerCase().replace(/\.$/, '');

/** Looks the route up; DNS failures of the MX query itself reject with the resolver's `CheckError`. */
export async function findMailRoute(resolver: Resolver, domain: string): Promise<MailRoute> {
  const records = await resolver.mx(domain);
  const real = records.filter((record) => !isNullExchange(record.exchange));
  if (records.length > 0 && real.length === 0) return { kind: 'null_mx' };
  if (real.length === 0) {
    const addresses = await resolver.addresses(domain).catch(() => []);
    if (addresses.length === 0) return { kind: 'none' };
    return { kind: 'hosts', implicit: true, more: 0, hosts: [{ exchange: domain, priority: 0, addresses }] };
  }
  const sorted = [...real].sort((a, b) => a.priority - b.priority || a.exchange.localeCompare(b.exchange));
  const hosts = await Promise.all(
    sorted.slice(0, MAX_HOSTS).map(async (record) => ({
      exchange: cleanName(record.exchange),
      priority: record.priority,
      addresses: await resolver.addresses(record.exchange).catch(() => []),
    })),
  );
  return { kind: 'hosts', implicit: false, more: sorted.length - hosts.length, hosts };
}
