/**
 * Both greeting readers against real servers on 127.0.0.1. The Workers reader gets a real TCP socket
 * through a web-streams adapter, since `cloudflare:sockets` exists only inside workerd.
 */
import { connect } from 'node:net';
import { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeSmtpBanner } from '../../src/checks/smtp-banner-node.js';
import { createWorkerSmtpBanner, type WorkerConnect } from '../../src/checks/smtp-banner-worker.js';
import type { SmtpBanner } from '../../src/checks/types.js';
import { checkFailure } from './check-failure.js';
import { closedPort, startScriptedServer, startSmtp, type LocalServer } from './local-smtp.js';

const nodeSocketsAsWorkerSockets: WorkerConnect = ({ hostname, port }) => {
  const socket = connect({ host: hostname, port });
  const { readable, writable } = Duplex.toWeb(socket);
  return {
    readable: readable as unknown as ReadableStream<Uint8Array>,
    writable: writable as unknown as WritableStream<Uint8Array>,
    close: async () => {
      socket.destroy();
    },
  };
};

const readers: [string, (port: number) => SmtpBanner][] = [
  ['node:net', (port) => createNodeSmtpBanner({ port, timeoutMs: 800 })],
  ['cloudflare:sockets shape', (port) => createWorkerSmtpBanner(nodeSocketsAsWorkerSockets, { port, timeoutMs: 800 })],
];

let ready: LocalServer;
let busy: LocalServer;
let mute: LocalServer;

beforeAll(async () => {
  [ready, busy, mute] = await Promise.all([startSmtp('ready'), startSmtp('busy'), startSmtp('mute')]);
});

afterAll(async () => {
  await Promise.all([ready.close(), busy.close(), mute.close()]);
});

/** The CheckError's message of work that must fail. */
const reason = async (work: Promise<unknown>): Promise<string> => (await checkFailure(work)).message;

describe.each(readers)('SMTP greeting over %s', (_name, make) => {
  it('reads a 220 greeting', async () => {
    expect(await make(ready.port)('127.0.0.1')).toEqual({
      code: 220,
      lines: ['220 mx.local.test ESMTP softbounce test server'],
    });
  });

  it('reads a 421 refusal sent on connect', async () => {
    const greeting = await make(busy.port)('127.0.0.1');
    expect(greeting.code).toBe(421);
    expect(greeting.lines[0]).toContain('Too many connections');
  });

  it('reads a multi-line greeting to its last line, then says QUIT', async () => {
    const server = await startScriptedServer('220-mx.multi.test first\r\n220-second\r\n220 ready\r\n');
    try {
      const greeting = await make(server.port)('127.0.0.1');
      expect(greeting).toEqual({ code: 220, lines: ['220 mx.multi.test first', '220 second', '220 ready'] });
      await expect.poll(() => server.received.join('')).toBe('QUIT\r\n');
    } finally {
      await server.close();
    }
  });

  it('gives up on a server that never greets', async () => {
    expect(await reason(make(mute.port)('127.0.0.1'))).toBe('no answer in time');
  });

  it('says when nothing listens', async () => {
    expect(await reason(make(await closedPort())('127.0.0.1'))).toBe('the mail server refused the connection');
  });

  it('rejects a server that does not speak SMTP', async () => {
    const server = await startScriptedServer('HTTP/1.1 400 Bad Request\r\n\r\n');
    try {
      expect(await reason(make(server.port)('127.0.0.1'))).toBe('the mail server sent no valid greeting');
    } finally {
      await server.close();
    }
  });
});
