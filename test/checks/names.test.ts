/** Cleaning user input into domains and addresses, and reverse-DNS names. */
import { describe, expect, it } from 'vitest';
import { canonicalIp, normalizeDomain, reverseName } from '../../src/checks/names.js';

describe('normalizeDomain', () => {
  it('keeps the domain of what a user might type', () => {
    expect(normalizeDomain('Gmail.com')).toBe('gmail.com');
    expect(normalizeDomain('  gmail.com. ')).toBe('gmail.com');
    expect(normalizeDomain('jane.doe@Example.org')).toBe('example.org');
    expect(normalizeDomain('mailto:jane@example.org')).toBe('example.org');
  });

  it('turns an international name into its ASCII form', () => {
    expect(normalizeDomain('bücher.de')).toBe('xn--bcher-kva.de');
  });

  it('refuses what is not a domain name', () => {
    for (const input of ['', 'gmail', 'gmail .com', 'https://gmail.com', 'gmail.com/x', '10.0.0.1', '-bad.com', 'a..b', `${'a'.repeat(64)}.com`]) {
      expect(normalizeDomain(input), input).toBeUndefined();
    }
  });
});

describe('reverseName and canonicalIp', () => {
  it('builds in-addr.arpa names for IPv4', () => {
    expect(reverseName('192.0.2.10')).toBe('10.2.0.192.in-addr.arpa');
  });

  it('builds nibble ip6.arpa names for IPv6, including embedded IPv4', () => {
    expect(reverseName('2001:db8::1')).toBe('1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa');
    expect(reverseName('::ffff:192.0.2.1')).toBe('1.0.2.0.0.0.0.c.f.f.f.f.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa');
  });

  it('spells equal addresses the same way', () => {
    expect(canonicalIp('2001:DB8:0:0::1')).toBe(canonicalIp('[2001:db8::1]'));
    expect(canonicalIp('192.0.2.1')).toBe('192.0.2.1');
  });

  it('refuses what is not an address', () => {
    for (const input of ['256.1.1.1', '1.2.3', '01.2.3.4', '1::2::3', '1:2:3:4:5:6:7:8:9', 'gmail.com', '']) {
      expect(reverseName(input), input).toBeUndefined();
      expect(canonicalIp(input), input).toBeUndefined();
    }
  });
});
