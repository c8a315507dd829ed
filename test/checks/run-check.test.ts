/**
 * The live checks end to end: the check runner on each runtime's resolver (node:dns and DNS-over-HTTPS,
 * against real local servers serving one zone) and the greeting probe against real local mail servers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDohResolver } from '../../src/checks/doh-resolver.js';
import { createNodeResolver } from '../../src/checks/node-resolver.js';
import { createCheckRunner, type RunCheck } from '../../src/checks/run-check.js';
import { createNodeSmtpBanner } from '../../src/checks/smtp-banner-node.js';
import type { Resolver } from '../../src/checks/types.js';
import { startLocalDns, type LocalDns } from './local-dns.js';
import { startLocalDoh, type LocalDoh } from './local-doh.js';
import { closedPort, startSmtp, type LocalServer } from './local-smtp.js';
import { zone } from './zone.js';

let dns: LocalDns;
let doh: LocalDoh;
let ready: LocalServer;
let busy: LocalServer;

beforeAll(async () => {
  [dns, doh, ready, busy] = await Promise.all([startLocalDns(zone), startLocalDoh(zone), startSmtp('ready'), startSmtp('busy')]);
});

afterAll(async () => {
  await Promise.all([dns.close(), doh.close(), ready.close(), busy.close()]);
});

const resolvers: [string, () => Resolver][] = [
  ['node:dns', () => createNodeResolver({ server: dns.server, timeoutMs: 600 })],
  ['DNS-over-HTTPS', () => createDohResolver({ url: `${doh.origin}/dns-query`, timeoutMs: 600 })],
];

describe.each(resolvers)('live checks over %s', (_name, makeResolver) => {
  let runCheck: RunCheck;
  beforeAll(() => {
    runCheck = createCheckRunner({ resolver: makeResolver(), timeoutMs: 3000, smtpProbe: false });
  });

  it('lists a domain\'s mail servers by priority with their addresses', async () => {
    expect(await runCheck('mx', 'mail.test')).toEqual({
      check: 'mx',
      target: 'mail.test',
      ok: true,
      details: ['10 mx1.mail.test (192.0.2.10)', '20 mx2.mail.test (192.0.2.11)'],
      lookupFailed: false,
    });
  });

  it('reads the domain out of an address the user pasted', async () => {
    const result = await runCheck('mx', ' Someone@Mail.Test. ');
    expect(result.ok).toBe(true);
    expect(result.target).toBe(' Someone@Mail.Test. ');
    expect(result.details[0]).toBe('10 mx1.mail.test (192.0.2.10)');
  });

  it('falls back to the domain\'s own address when it has no MX', async () => {
    expect(await runCheck('mx', 'nomx.test')).toMatchObject({
      ok: true,
      details: ['no MX records: mail goes to nomx.test itself (192.0.2.20)'],
    });
  });

  it('says a domain without MX or address cannot receive mail', async () => {
    expect(await runCheck('mx', 'bare.test')).toMatchObject({
      ok: false,
      error: 'the domain has no MX records and no address, so it cannot receive mail',
    });
  });

  it('says a null MX means the domain accepts no mail', async () => {
    expect(await runCheck('mx', 'nullmx.test')).toMatchObject({
      ok: false,
      error: 'the domain accepts no mail: it publishes a null MX',
      lookupFailed: false,
    });
  });

  it('says when the MX host names do not resolve', async () => {
    expect(await runCheck('mx', 'dangling.test')).toMatchObject({
      ok: false,
      details: ['10 gone.dangling.test (no address)'],
      error: 'none of its mail servers has an address',
    });
  });

  it('reports a domain that does not exist as a finding, not a failed lookup', async () => {
    expect(await runCheck('mx', 'nowhere.test')).toEqual({
      check: 'mx',
      target: 'nowhere.test',
      ok: false,
      details: [],
      error: 'NXDOMAIN: the domain does not exist',
      lookupFailed: false,
    });
  });

  it('turns a timeout or a refused query into a short reason for a failed lookup', async () => {
    expect(await runCheck('mx', 'slow.test')).toMatchObject({ error: 'no answer in time', lookupFailed: true });
    expect(await runCheck('spf', 'refused.test')).toMatchObject({
      error: 'the DNS server refused the query',
      lookupFailed: true,
    });
  });

  it('refuses what is not a domain name without asking DNS', async () => {
    for (const target of ['', 'localhost', 'http://mail.test/x', '192.0.2.1', 'a..b']) {
      expect(await runCheck('mx', target)).toMatchObject({ ok: false, error: 'not a domain name', lookupFailed: true });
    }
  });

  it('finds the one SPF record among the TXT records', async () => {
    expect(await runCheck('spf', 'mail.test')).toMatchObject({
      ok: true,
      details: ['v=spf1 ip4:192.0.2.10 include:"relay.test" -all'],
    });
    expect(await runCheck('spf', 'bare.test')).toMatchObject({ ok: false, error: 'no SPF record' });
  });

  it('flags two SPF records as an error', async () => {
    const result = await runCheck('spf', 'twospf.test');
    expect(result.ok).toBe(false);
    expect(result.error).toBe('more than one SPF record, which receivers treat as an error');
    expect(result.details.sort()).toEqual(['v=spf1 a -all', 'v=spf1 mx ~all']);
  });

  it('reads the DMARC record and its policy', async () => {
    expect(await runCheck('dmarc', 'mail.test')).toMatchObject({
      ok: true,
      details: ['v=DMARC1; p=reject; rua=mailto:dmarc@mail.test', 'policy: reject'],
    });
    expect(await runCheck('dmarc', 'nomx.test')).toMatchObject({ ok: false, error: 'no DMARC record' });
    expect((await runCheck('dmarc', 'slow.test')).error).toBe('no answer in time');
  });

  it('checks that the sending IP\'s PTR name points back to it', async () => {
    expect(await runCheck('ptr', '192.0.2.10')).toMatchObject({
      ok: true,
      details: ['mx1.mail.test', 'mx1.mail.test points back to 192.0.2.10'],
    });
    expect(await runCheck('ptr', '2001:db8:0::1')).toMatchObject({ ok: true, details: ['v6.mail.test', 'v6.mail.test points back to 2001:db8:0::1'] });
    expect(await runCheck('ptr', '192.0.2.99')).toMatchObject({
      ok: false,
      details: ['liar.test'],
      error: 'the PTR name liar.test does not point back to 192.0.2.99',
    });
    expect(await runCheck('ptr', '192.0.2.55')).toMatchObject({ ok: false, error: 'no PTR record for this address' });
    expect(await runCheck('ptr', 'mail.test')).toMatchObject({ ok: false, error: 'not an IP address' });
  });

  it('does not connect to mail servers while the probe is off', async () => {
    expect(await runCheck('banner', 'busy.test')).toMatchObject({
      ok: false,
      error: 'the SMTP probe is switched off',
      lookupFailed: true,
    });
  });
});

describe('the greeting probe', () => {
  const probe = (port: number) =>
    createCheckRunner({
      resolver: createNodeResolver({ server: dns.server, timeoutMs: 600 }),
      smtpBanner: createNodeSmtpBanner({ port, timeoutMs: 800 }),
      timeoutMs: 3000,
      smtpProbe: true,
    });

  it('says a server greeting with 220 is accepting connections', async () => {
    expect(await probe(ready.port)('banner', 'open.test')).toEqual({
      check: 'banner',
      target: 'open.test',
      ok: true,
      details: ['mx.open.test (127.0.0.1)', '220 mx.local.test ESMTP softbounce test server'],
      lookupFailed: false,
    });
  });

  it('says a server greeting with 421 is busy right now', async () => {
    const result = await probe(busy.port)('banner', 'busy.test');
    expect(result.ok).toBe(false);
    expect(result.error).toBe('421: the mail server is busy right now, try again later');
    expect(result.details).toEqual(['mx.busy.test (127.0.0.1)', '421 4.7.0 Too many connections, try again later']);
    expect(result.lookupFailed).toBe(false);
  });

  it('says when the mail server cannot be reached', async () => {
    const result = await probe(await closedPort())('banner', 'open.test');
    expect(result).toMatchObject({
      ok: false,
      details: ['mx.open.test (127.0.0.1)'],
      error: 'the mail server refused the connection',
      lookupFailed: true,
    });
  });

  it('does not probe a domain that accepts no mail', async () => {
    expect(await probe(ready.port)('banner', 'nullmx.test')).toMatchObject({ ok: false, error: 'the domain accepts no mail: it publishes a null MX' });
  });

  it('caps a whole check at the runner\'s timeout', async () => {
    const runCheck = createCheckRunner({
      resolver: createNodeResolver({ server: dns.server, timeoutMs: 10_000 }),
      timeoutMs: 300,
      smtpProbe: false,
    });
    expect(await runCheck('mx', 'slow.test')).toMatchObject({
      ok: false,
      details: [],
      error: 'no answer in time',
      lookupFailed: true,
    });
  });
});
