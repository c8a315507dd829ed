/**
 * One suite, both resolvers: node:dns against a real local DNS server, and DNS-over-HTTPS against a real
 * local DoH server, both serving the same zone, must give the same answers and the same failures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDohResolver } from '../../src/checks/doh-resolver.js';
import { createNodeResolver } from '../../src/checks/node-resolver.js';
import { reasons, type Resolver } from '../../src/checks/types.js';
import { startLocalDns, type LocalDns } from './local-dns.js';
import { startLocalDoh, type LocalDoh } from './local-doh.js';
import { checkFailure } from './check-failure.js';
import { zone } from './zone.js';

let dns: LocalDns;
let doh: LocalDoh;

beforeAll(async () => {
  dns = await startLocalDns(zone);
  doh = await startLocalDoh(zone);
});

afterAll(async () => {
  await dns.close();
  await doh.close();
});

const backends: [string, () => Resolver][] = [
  ['node:dns', () => createNodeResolver({ server: dns.server, timeoutMs: 600 })],
  ['DNS-over-HTTPS', () => createDohResolver({ url: `${doh.origin}/dns-query`, timeoutMs: 600 })],
];

describe.each(backends)('%s resolver', (_name, make) => {
  it('returns every MX record of a domain', async () => {
    const records = await make().mx('mail.test');
    expect([...records].sort((a, b) => a.priority - b.priority)).toEqual([
      { priority: 10, exchange: 'mx1.mail.test' },
      { priority: 20, exchange: 'mx2.mail.test' },
    ]);
  });

  it('returns no MX records for a domain that exists without them', async () => {
    expect(await make().mx('nomx.test')).toEqual([]);
  });

  it('returns a null MX as an empty exchange', async () => {
    const [record] = await make().mx('nullmx.test');
    expect(record?.priority).toBe(0);
    expect(['', '.']).toContain(record?.exchange);
  });

  it('reports a domain that does not exist as NXDOMAIN', async () => {
    const error = await checkFailure(make().mx('nowhere.test'));
    expect(error.code).toBe('nxdomain');
    expect(error.message).toBe(reasons.nxdomain);
  });

  it('reports a server that never answers as a timeout', async () => {
    const error = await checkFailure(make().mx('slow.test'));
    expect(error.code).toBe('timeout');
    expect(error.message).toBe(reasons.timeout);
  });

  it('reports a refused query', async () => {
    const error = await checkFailure(make().txt('refused.test'));
    expect(error.code).toBe('refused');
    expect(error.message).toBe(reasons.refused);
  });

  it('joins the character strings of each TXT record', async () => {
    const records = await make().txt('mail.test');
    expect(records.sort()).toEqual(['site-verification=abc123', 'v=spf1 ip4:192.0.2.10 include:"relay.test" -all']);
  });

  it('finds the PTR name of an IPv4 and an IPv6 address', async () => {
    const resolver = make();
    expect(await resolver.ptr('192.0.2.10')).toEqual(['mx1.mail.test']);
    expect(await resolver.ptr('2001:db8::1')).toEqual(['v6.mail.test']);
  });

  it('finds IPv4 addresses, and IPv6 ones when a name has no IPv4 address', async () => {
    const resolver = make();
    expect(await resolver.addresses('mx1.mail.test')).toEqual(['192.0.2.10']);
    expect((await resolver.addresses('v6.mail.test')).map((address) => address.replace(/:0:0:0:0:0:/, '::'))).toEqual([
      '2001:db8::1',
    ]);
    expect(await resolver.addresses('mail.test')).toEqual([]);
  });
});
