/** The settings that switch the live checks on, for each runtime's wiring. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeCheckRunner } from '../../src/checks/node-checks.js';
import { createWorkerCheckRunner } from '../../src/checks/worker-checks.js';
import { loadConfig } from '../../src/config.js';
import { startLocalDns, type LocalDns } from './local-dns.js';
import { startLocalDoh, type LocalDoh } from './local-doh.js';
import { zone } from './zone.js';

let dns: LocalDns;
let doh: LocalDoh;

beforeAll(async () => {
  [dns, doh] = await Promise.all([startLocalDns(zone), startLocalDoh(zone)]);
});

afterAll(async () => {
  await Promise.all([dns.close(), doh.close()]);
});

describe('live check settings', () => {
  it('are off unless LIVE_CHECKS is set', () => {
    const config = loadConfig({});
    expect(config.LIVE_CHECKS).toBe(false);
    expect(config.SMTP_PROBE).toBe(false);
    expect(createNodeCheckRunner(config)).toBeUndefined();
    expect(createWorkerCheckRunner(config)).toBeUndefined();
  });

  it('run on Node against DNS_SERVER, without the probe unless SMTP_PROBE is set', async () => {
    const runCheck = createNodeCheckRunner(loadConfig({ LIVE_CHECKS: 'true', DNS_SERVER: dns.server }));
    expect((await runCheck?.('mx', 'mail.test'))?.details[0]).toBe('10 mx1.mail.test (192.0.2.10)');
    expect((await runCheck?.('banner', 'open.test'))?.error).toBe('the SMTP probe is switched off');
  });

  it('run on Workers against DOH_URL', async () => {
    const runCheck = createWorkerCheckRunner(loadConfig({ LIVE_CHECKS: 'on', DOH_URL: `${doh.origin}/dns-query` }));
    expect((await runCheck?.('dmarc', 'mail.test'))?.details).toContain('policy: reject');
  });

  it('stop start-up when DNS_SERVER is a host name', () => {
    const config = loadConfig({ LIVE_CHECKS: 'yes', DNS_SERVER: 'dns.example.com' });
    expect(() => createNodeCheckRunner(config)).toThrow(/DNS_SERVER/);
  });
});
