/**
 * Real mail servers on 127.0.0.1 (random ports): smtp-server greeting with 220 or refusing with 421 on
 * connect, one that accepts and stays silent, and a plain TCP server that sends a multi-line greeting
 * and records what the client wrote back.
 */
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface LocalServer {
  port: number;
  close(): Promise<void>;
}

export interface ScriptedServer extends LocalServer {
  /** Everything clients wrote. */
  received: string[];
}

export type SmtpMode = 'ready' | 'busy' | 'mute';

/** An smtp-server: `ready` greets with 220, `busy` refuses with 421, `mute` never greets. */
export async function startSmtp(mode: SmtpMode): Promise<LocalServer> {
  const server = new SMTPServer({
    name: 'mx.local.test',
    banner: 'softbounce test server',
    disableReverseLookup: true,
    authOptional: true,
    logger: false,
    onConnect(_session, callback) {
      if (mode === 'busy') {
        callback(Object.assign(new Error('4.7.0 Too many connections, try again later'), { responseCode: 421 }));
      } else if (mode === 'ready') {
        callback();
      }
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        for (const connection of server.connections) connection.close();
        server.close(() => resolve());
      }),
  };
}

/** A plain TCP server that writes `greeting` on connect and records what it receives. */
export async function startScriptedServer(greeting: string): Promise<ScriptedServer> {
  const received: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received.push(chunk);
      if (chunk.includes('QUIT')) socket.end('221 bye\r\n');
    });
    socket.on('error', () => socket.destroy());
    socket.write(greeting);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    received,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (bound, read, released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
