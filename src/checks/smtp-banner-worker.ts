/**
 * Reads a mail server's greeting on Workers with `connect()` from `cloudflare:sockets`. The worker runtime
 * imports `connect` and passes it in, so this file loads on Node too and its reading logic is tested there.
 * Deployed Workers cannot open port 25 (it works under `wrangler dev`), so keep SMTP_PROBE off in production.
 */
import { parseSmtpReply } from './smtp-reply.js';
import { CheckError, reasons, type SmtpBanner, type SmtpGreeting } from './types.js';

/** The part of a `cloudflare:sockets` socket the probe uses. */
export interface WorkerSocket {
  readable: ReadableStream<Uint8Array>;
  writable: WritableStream<Uint8Array>;
  close(): Promise<void>;
}

/** `connect` from `cloudflare:sockets`, narrowed to what the probe calls. */
export type WorkerConnect = (address: { hostname: string; port: number }) => WorkerSocket;

export interface WorkerSmtpBannerOptions {
  port?: number;
  timeoutMs: number;
}

async function readGreeting(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<SmtpGreeting> {
  const decoder = new TextDecoder();
  let received = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new CheckError('bad_reply', reasons.badGreeting);
    received += decoder.decode(value, { stream: true });
    const greeting = parseSmtpReply(received);
    if (greeting) return greeting;
  }
}

function socketError(error: unknown): CheckError {
  if (error instanceof CheckError) return error;
  if (error instanceof Error && /refused/i.test(error.message)) {
    return new CheckError('connection_refused', reasons.connectionRefused);
  }
  return new CheckError('unreachable', reasons.smtpUnreachable);
}

/** A greeting reader for `createCheckRunner({ smtpBanner })` on Workers. */
export function createWorkerSmtpBanner(connect: WorkerConnect, options: WorkerSmtpBannerOptions): SmtpBanner {
  return async (host) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CheckError('timeout', reasons.timeout)), options.timeoutMs);
    });
    let socket: WorkerSocket | undefined;
    try {
      socket = connect({ hostname: host, port: options.port ?? 25 });
      const greeting = await Promise.race([readGreeting(socket.readable.getReader()), late]);
      const quit = socket.writable.getWriter().write(new TextEncoder().encode('QUIT\r\n'));
      // The greeting is what we came for; a failed goodbye does not change it.
      await Promise.race([quit, late]).catch(() => undefined);
      return greeting;
    } catch (error) {
      throw socketError(error);
    } finally {
      clearTimeout(timer);
      await socket?.close().catch(() => undefined);
    }
  };
}
