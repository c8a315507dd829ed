/**
 * Reads a mail server's greeting on Node: connect, wait for the first reply (multi-line `220-` too),
 * say QUIT and leave. Nothing else is sent, so the probe never looks like an attempt to deliver mail.
 */
import { connect } from 'node:net';
import { parseSmtpReply } from './smtp-reply.js';
import { CheckError, reasons, type SmtpBanner } from './types.js';

export interface NodeSmtpBannerOptions {
  /** 25 in production; tests point it at a local server. */
  port?: number;
  /** From connecting to the end of the greeting. */
  timeoutMs: number;
}

function connectError(error: unknown): CheckError {
  if (error instanceof CheckError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ECONNREFUSED') return new CheckError('connection_refused', reasons.connectionRefused);
  if (code === 'ETIMEDOUT') return new CheckError('timeout', reasons.timeout);
  return new CheckError('unreachable', reasons.smtpUnreachable);
}

/** A greeting reader for `createCheckRunner({ smtpBanner })`. */
export function createNodeSmtpBanner(options: NodeSmtpBannerOptions): SmtpBanner {
  const port = options.port ?? 25;
  return (host) =>
    new Promise((resolve, reject) => {
      const socket = connect({ host, port });
      let received = '';
      const finish = (error?: unknown) => {
        clearTimeout(timer);
        socket.removeAllListeners('data');
        if (error === undefined) return;
        socket.destroy();
        reject(connectError(error));
      };
      const timer = setTimeout(() => finish(new CheckError('timeout', reasons.timeout)), options.timeoutMs);
      socket.setEncoding('utf8');
      socket.on('error', finish);
      socket.on('close', () => finish(new CheckError('bad_reply', reasons.badGreeting)));
      socket.on('data', (chunk: string) => {
        received += chunk;
        try {
          const greeting = parseSmtpReply(received);
          if (!greeting) return;
          finish();
          socket.removeAllListeners('close');
          socket.end('QUIT\r\n');
          setTimeout(() => socket.destroy(), options.timeoutMs).unref();
          resolve(greeting);
        } catch (error) {
          finish(error);
        }
      });
    });
}
