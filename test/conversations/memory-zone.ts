/**
 * A DNS zone held in memory, as a real `Resolver`: names answer from the tables below, a name in none of
 * them is NXDOMAIN, a name listed as failing answers SERVFAIL. Deterministic, so dialogue tests can run the
 * real check runner in-process.
 */
import { canonicalIp } from '../../src/checks/names.js';
import { CheckError, reasons, type MxRecord, type Resolver } from '../../src/checks/types.js';

export interface MemoryZone {
  mx?: Record<string, MxRecord[]>;
  txt?: Record<string, string[]>;
  /** Address to PTR names. */
  ptr?: Record<string, string[]>;
  /** Name to IPv4 or IPv6 addresses. */
  addresses?: Record<string, string[]>;
  /** Names whose lookups fail (the DNS server cannot answer). */
  failing?: string[];
}

/** A `Resolver` over `zone`. */
export function memoryResolver(zone: MemoryZone): Resolver {
  const tables = [zone.mx, zone.txt, zone.addresses];
  const lookup = async <T>(name: string, table: Record<string, T[]> | undefined): Promise<T[]> => {
    const key = name.toLowerCase().replace(/\.$/, '');
    if (zone.failing?.includes(key)) throw new CheckError('servfail', reasons.servfail);
    if (!tables.some((t) => t && key in t)) throw new CheckError('nxdomain', reasons.nxdomain);
    return table?.[key] ?? [];
  };
  return {
    mx: (domain) => lookup(domain, zone.mx),
    txt: (name) => lookup(name, zone.txt),
    addresses: (name) => lookup(name, zone.addresses),
    async ptr(ip) {
      const wanted = canonicalIp(ip);
      const entry = Object.entries(zone.ptr ?? {}).find(([address]) => canonicalIp(address) === wanted);
      if (!entry) throw new CheckError('nxdomain', reasons.nxdomain);
      return entry[1];
    },
  };
}
