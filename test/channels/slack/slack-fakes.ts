/** Recorded Slack payloads, request signing as Slack does it, and a local Web API that records calls. */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
export const BOT_TOKEN = 'xoxb-4581237145-7001234567890-TestTokenNotReal';

/** A recorded payload from test/fixtures/slack (parsed JSON). */
export function slackFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/slack/${name}.json`, import.meta.url), 'utf8')) as T;
}

/** Headers Slack would send with `body`, signed at `timestampSeconds` (Node's own HMAC, independent of the code under test). */
export function slackHeaders(body: string, timestampSeconds: number, secret = SIGNING_SECRET): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`v0:${timestampSeconds}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestampSeconds), 'x-slack-signature': `v0=${signature}` };
}

export interface SlackCall {
  method: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

export interface FakeSlack {
  apiUrl: string;
  calls: SlackCall[];
  /** Resolves once at least `count` calls have arrived. */
  waitForCalls(count: number): Promise<SlackCall[]>;
  /** Makes the next call to `method` answer `{ ok: false, error }`, or HTTP 429 for `'ratelimited'`. */
  failNext(method: string, error: string): void;
  close(): Promise<void>;
}

/** A Slack Web API on 127.0.0.1 that answers `chat.postMessage` / `chat.update` and records each call. */
export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  const failures = new Map<string, string>();
  const waiters: { count: number; resolve: (calls: SlackCall[]) => void }[] = [];
  let clock = 1764494445;
  const server: Server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '');
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      calls.push({ method, authorization: req.headers.authorization, body });
      res.setHeader('content-type', 'application/json');
      const failure = failures.get(method);
      failures.delete(method);
      clock += 1;
      const ts = method === 'chat.update' ? body.ts : `${clock}.000100`;
      if (failure === 'ratelimited') {
        res.writeHead(429, { 'retry-after': '0' });
        res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      res.end(JSON.stringify(failure ? { ok: false, error: failure } : { ok: true, channel: body.channel, ts }));
      for (const waiter of waiters.filter((w) => calls.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(calls.slice());
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
    calls,
    waitForCalls: (count) =>
      calls.length >= count ? Promise.resolve(calls.slice()) : new Promise((resolve) => waiters.push({ count, resolve })),
    failNext: (method, error) => failures.set(method, error),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
