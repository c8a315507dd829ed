/**
 * A real DNS-over-HTTPS JSON server on 127.0.0.1 (node:http, random port) answering from a test zone.
 * `/dns-query` answers; `/http-error` fails with 503; `/not-json` sends HTML. Silent names never answer.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Zone, ZoneRecord } from './local-dns.js';

const TYPE_CODES: Record<string, number> = { A: 1, PTR: 12, MX: 15, TXT: 16, AAAA: 28 };

export interface LocalDoh {
  /** Base URL of the server; append `/dns-query`. */
  origin: string;
  /** Requests seen, as "name type accept". */
  requests: string[];
  close(): Promise<void>;
}

function answerData(record: ZoneRecord): string {
  if (record.type === 'MX') return `${record.value}.`.replace(/ \.\.$/, ' .');
  if (record.type === 'PTR') return `${record.value}.`;
  if (record.type === 'TXT') {
    const parts = Array.isArray(record.value) ? record.value : [record.value];
    return parts.map((part) => `"${part.replace(/["\\]/g, '\\$&')}"`).join(' ');
  }
  return String(record.value);
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/dns-json' });
  response.end(JSON.stringify(body));
}

/** Starts the server; the caller closes it. */
export async function startLocalDoh(zone: Zone): Promise<LocalDoh> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const name = (url.searchParams.get('name') ?? '').toLowerCase();
    const type = url.searchParams.get('type') ?? '';
    requests.push(`${name} ${type} ${request.headers.accept ?? ''}`);
    if (url.pathname === '/http-error') return reply(response, 503, { error: 'unavailable' });
    if (url.pathname === '/not-json') {
      response.writeHead(200, { 'content-type': 'text/html' });
      return response.end('<html>hello</html>');
    }
    const code = TYPE_CODES[type];
    if (!name || code === undefined) return reply(response, 400, { error: 'name and type are required' });
    if (zone.silent?.includes(name)) return;
    const question = [{ name: `${name}.`, type: code }];
    if (zone.refused?.includes(name)) return reply(response, 200, { Status: 5, Question: question });
    const records = zone.records[name];
    if (!records) return reply(response, 200, { Status: 3, Question: question });
    const answers = records
      .filter((record) => TYPE_CODES[record.type] === code)
      .map((record) => ({ name: `${name}.`, type: code, TTL: 60, data: answerData(record) }));
    const body = answers.length > 0 ? { Status: 0, Question: question, Answer: answers } : { Status: 0, Question: question };
    reply(response, 200, body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
