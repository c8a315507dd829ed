/** What only the DNS-over-HTTPS resolver does: the request it sends, HTTP failures, and TXT quoting. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDohResolver, parseTxtData } from '../../src/checks/doh-resolver.js';
import { startLocalDoh, type LocalDoh } from './local-doh.js';
import { closedPort } from './local-smtp.js';
import { checkFailure } from './check-failure.js';
import { zone } from './zone.js';

let doh: LocalDoh;

beforeAll(async () => {
  doh = await startLocalDoh(zone);
});

afterAll(() => doh.close());

/** The CheckError's message of work that must fail. */
const reason = async (work: Promise<unknown>): Promise<string> => (await checkFailure(work)).message;

describe('DNS-over-HTTPS resolver', () => {
  it('asks with name, type and the dns-json media type', async () => {
    await createDohResolver({ url: `${doh.origin}/dns-query`, timeoutMs: 1000 }).mx('mail.test');
    expect(doh.requests).toContain('mail.test MX application/dns-json');
  });

  it('keeps query parameters already in DOH_URL', async () => {
    const resolver = createDohResolver({ url: `${doh.origin}/dns-query?ct=application/dns-json`, timeoutMs: 1000 });
    expect(await resolver.addresses('mx2.mail.test')).toEqual(['192.0.2.11']);
  });

  it('says when the service answers with an HTTP error', async () => {
    const resolver = createDohResolver({ url: `${doh.origin}/http-error`, timeoutMs: 1000 });
    expect(await reason(resolver.mx('mail.test'))).toBe('the DNS-over-HTTPS service answered HTTP 503');
  });

  it('says when the answer is not DNS JSON', async () => {
    const resolver = createDohResolver({ url: `${doh.origin}/not-json`, timeoutMs: 1000 });
    expect(await reason(resolver.mx('mail.test'))).toBe('the DNS-over-HTTPS service sent an unreadable answer');
  });

  it('says when the service cannot be reached', async () => {
    const resolver = createDohResolver({ url: `http://127.0.0.1:${await closedPort()}/dns-query`, timeoutMs: 1000 });
    expect(await reason(resolver.mx('mail.test'))).toBe('the DNS-over-HTTPS service cannot be reached');
  });
});

describe('TXT data from DNS JSON', () => {
  it('joins quoted character strings and undoes escapes', () => {
    expect(parseTxtData('"v=spf1 ip4:192.0.2.1" " -all"')).toBe('v=spf1 ip4:192.0.2.1 -all');
    expect(parseTxtData('"say \\"hi\\" \\\\ \\065"')).toBe('say "hi" \\ A');
  });

  it('takes unquoted data as it is', () => {
    expect(parseTxtData('v=DMARC1; p=none')).toBe('v=DMARC1; p=none');
  });
});
