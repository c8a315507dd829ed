/**
 * A real DNS server on 127.0.0.1 (dns2, UDP, random port) serving a small test zone.
 * Names in `silent` get no answer at all, so clients see a timeout; names in `refused` get REFUSED.
 */
import dns2 from 'dns2';

const { Packet } = dns2;

export interface ZoneRecord {
  type: 'A' | 'AAAA' | 'MX' | 'TXT' | 'PTR';
  /** A, AAAA: the address; MX: "priority exchange"; TXT: the text (an array for split strings); PTR: the name. */
  value: string | string[];
}

export interface Zone {
  records: Record<string, ZoneRecord[]>;
  silent?: string[];
  refused?: string[];
}

export interface LocalDns {
  host: string;
  port: number;
  /** "127.0.0.1:port", the form DNS_SERVER takes. */
  server: string;
  close(): Promise<void>;
}

function toAnswer(name: string, record: ZoneRecord) {
  const base = { name, class: Packet.CLASS.IN, ttl: 60 };
  switch (record.type) {
    case 'A':
      return { ...base, type: Packet.TYPE.A, address: String(record.value) };
    case 'AAAA':
      return { ...base, type: Packet.TYPE.AAAA, address: String(record.value) };
    case 'MX': {
      const [priority, exchange] = String(record.value).split(' ');
      return { ...base, type: Packet.TYPE.MX, priority: Number(priority), exchange: exchange ?? '' };
    }
    case 'TXT':
      return { ...base, type: Packet.TYPE.TXT, data: record.value };
    case 'PTR':
      return { ...base, type: Packet.TYPE.PTR, domain: String(record.value) };
  }
}

/** Starts the server; the caller closes it. */
export async function startLocalDns(zone: Zone): Promise<LocalDns> {
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const question = request.questions[0];
      if (!question) return;
      const name = question.name.toLowerCase();
      if (zone.silent?.includes(name)) return;
      const response = Packet.createResponseFromRequest(request);
      if (zone.refused?.includes(name)) {
        response.header.rcode = 5;
      } else if (!(name in zone.records)) {
        response.header.rcode = 3;
      } else {
        for (const record of zone.records[name] ?? []) {
          if (Packet.TYPE[record.type] === question.type) response.answers.push(toAnswer(name, record) as never);
        }
      }
      void send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
  const port = addresses.udp?.port;
  if (!port) throw new Error('local DNS server did not report its port');
  return { host: '127.0.0.1', port, server: `127.0.0.1:${port}`, close: () => server.close() };
}
