/** What only the Node resolver does: reading DNS_SERVER, and a DNS server with nothing listening. */
import { describe, expect, it } from 'vitest';
import { createNodeResolver } from '../../src/checks/node-resolver.js';
import { CheckError } from '../../src/checks/types.js';
import { closedPort } from './local-smtp.js';

describe('node resolver settings', () => {
  it('accepts an IPv4 or IPv6 address with or without a port', () => {
    for (const server of ['127.0.0.1', '127.0.0.1:5353', '::1', '[::1]:5353']) {
      expect(() => createNodeResolver({ server, timeoutMs: 500 })).not.toThrow();
    }
  });

  it('rejects a host name or a bad port, naming DNS_SERVER', () => {
    for (const server of ['dns.example.com', '127.0.0.1:99999', '127.0.0.1:', 'nonsense:53']) {
      expect(() => createNodeResolver({ server, timeoutMs: 500 })).toThrow(/DNS_SERVER must be an IP address/);
    }
  });

  it('turns a DNS server that is not there into a short reason', async () => {
    const resolver = createNodeResolver({ server: `127.0.0.1:${await closedPort()}`, timeoutMs: 500 });
    const error: unknown = await resolver.mx('mail.test').catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(CheckError);
    expect((error as CheckError).message).toBe('the DNS server cannot be reached');
  });
});
