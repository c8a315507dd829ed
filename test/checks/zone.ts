/** The test zone both local DNS servers (plain DNS and DNS-over-HTTPS) serve. Addresses are from TEST-NET. */
import type { Zone } from './local-dns.js';

export const zone: Zone = {
  records: {
    'mail.test': [
      { type: 'MX', value: '20 mx2.mail.test' },
      { type: 'MX', value: '10 mx1.mail.test' },
      { type: 'TXT', value: ['v=spf1 ip4:192.0.2.10', ' include:"relay.test" -all'] },
      { type: 'TXT', value: 'site-verification=abc123' },
    ],
    'mx1.mail.test': [{ type: 'A', value: '192.0.2.10' }],
    'mx2.mail.test': [{ type: 'A', value: '192.0.2.11' }],
    '_dmarc.mail.test': [{ type: 'TXT', value: 'v=DMARC1; p=reject; rua=mailto:dmarc@mail.test' }],
    'nomx.test': [{ type: 'A', value: '192.0.2.20' }],
    'bare.test': [{ type: 'TXT', value: 'nothing to see' }],
    'nullmx.test': [{ type: 'MX', value: '0 .' }],
    'dangling.test': [{ type: 'MX', value: '10 gone.dangling.test' }],
    'twospf.test': [
      { type: 'TXT', value: 'v=spf1 a -all' },
      { type: 'TXT', value: 'v=spf1 mx ~all' },
    ],
    'busy.test': [{ type: 'MX', value: '10 mx.busy.test' }],
    'mx.busy.test': [{ type: 'A', value: '127.0.0.1' }],
    'open.test': [{ type: 'MX', value: '10 mx.open.test' }],
    'mx.open.test': [{ type: 'A', value: '127.0.0.1' }],
    '10.2.0.192.in-addr.arpa': [{ type: 'PTR', value: 'mx1.mail.test' }],
    '99.2.0.192.in-addr.arpa': [{ type: 'PTR', value: 'liar.test' }],
    'liar.test': [{ type: 'A', value: '192.0.2.1' }],
    '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa': [{ type: 'PTR', value: 'v6.mail.test' }],
    'v6.mail.test': [{ type: 'AAAA', value: '2001:db8::1' }],
  },
  silent: ['slow.test', '_dmarc.slow.test', 'mx.slow-host.test'],
  refused: ['refused.test'],
};
