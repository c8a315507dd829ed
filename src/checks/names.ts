/**
 * Cleaning what the user typed into something safe to look up: a domain name or an IP address,
 * and the reverse-DNS name of an address. Pure string work, the same on every runtime.
 */

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;
const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/**
 * The ASCII domain in `input` ("Gmail.com.", "user@example.org", "bücher.de"), or undefined when it is not
 * a domain name. The URL parser does the IDN-to-punycode step so both runtimes agree.
 */
export function normalizeDomain(input: string): string | undefined {
  const text = input.trim().replace(/^mailto:/i, '');
  const afterAt = text.slice(text.lastIndexOf('@') + 1).replace(/\.$/, '');
  if (afterAt === '' || /[\s/:?#[\]\\]/.test(afterAt)) return undefined;
  let ascii: string;
  try {
    ascii = new URL(`http://${afterAt}`).hostname;
  } catch {
    return undefined;
  }
  const labels = ascii.split('.');
  if (ascii.length > 253 || labels.length < 2 || !labels.every((label) => LABEL.test(label))) return undefined;
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return undefined;
  return ascii;
}

function ipv4Octets(ip: string): number[] | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4 || !parts.every((part) => OCTET.test(part))) return undefined;
  return parts.map(Number);
}

function ipv6Groups(ip: string): number[] | undefined {
  let text = ip.toLowerCase();
  const embedded = /:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (embedded?.[1]) {
    const octets = ipv4Octets(embedded[1]);
    if (!octets) return undefined;
    const [a = 0, b = 0, c = 0, d = 0] = octets;
    text = `${text.slice(0, -embedded[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const split = (part: string) => (part === '' ? [] : part.split(':'));
  const head = split(halves[0] ?? '');
  const tail = halves.length === 2 ? split(halves[1] ?? '') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return undefined;
  return groups.map((group) => parseInt(group, 16));
}

/** One spelling per address (IPv6 fully expanded), so a PTR's forward lookup can be compared; undefined if not an IP. */
export function canonicalIp(input: string): string | undefined {
  const ip = input.trim().replace(/^\[(.*)\]$/, '$1');
  if (ipv4Octets(ip)) return ip;
  return ipv6Groups(ip)?.map((group) => group.toString(16).padStart(4, '0')).join(':');
}

/** The in-addr.arpa / ip6.arpa name whose PTR record names the address; undefined if not an IP. */
export function reverseName(input: string): string | undefined {
  const ip = input.trim().replace(/^\[(.*)\]$/, '$1');
  const octets = ipv4Octets(ip);
  if (octets) return `${octets.reverse().join('.')}.in-addr.arpa`;
  const groups = ipv6Groups(ip);
  if (!groups) return undefined;
  const nibbles = groups.flatMap((group) => group.toString(16).padStart(4, '0').split(''));
  return `${nibbles.reverse().join('.')}.ip6.arpa`;
}
