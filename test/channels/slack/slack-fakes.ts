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
  /** Who `conversations.members` lists for `channel` (two per page, to exercise paging). */
  setMembers(channel: string, members: string[]): void;
  /** The display name `users.info` gives `user`. */
  setUserName(user: string, name: string): void;
  /** While down, every call is answered HTTP 503 and not recorded (Slack having an outage). */
  setDown(down: boolean): void;
  /** Resolves once `done(calls)` holds, or rejects after `timeoutMs`. */
  waitUntil(done: (calls: SlackCall[]) => boolean, timeoutMs?: number): Promise<SlackCall[]>;
  close(): Promise<void>;
}

/** The reads the fake answers besides ts-bearing writes: members (paged), user names, permalinks. */
function readAnswer(method: string, body: Record<string, unknown>, members: Map<string, string[]>, names: Map<string, string>): object | undefined {
  if (method === 'conversations.members') {
    const all = members.get(String(body.channel)) ?? [];
    const from = Number(body.cursor ?? 0);
    const next = from + 2 < all.length ? String(from + 2) : '';
    return { ok: true, members: all.slice(from, from + 2), response_metadata: { next_cursor: next } };
  }
  if (method === 'users.info') {
    const user = String(body.user);
    return { ok: true, user: { id: user, name: user.toLowerCase(), profile: { display_name: names.get(user) ?? '' } } };
  }
  if (method === 'chat.getPermalink') return { ok: true, permalink: `https://example.slack.com/archives/${String(body.channel)}/p${String(body.message_ts).replace('.', '')}` };
  return undefined;
}

/** A Slack Web API on 127.0.0.1 that answers `chat.postMessage` / `chat.update` (and the reads above) and records each call. */
export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  const members = new Map<string, string[]>();
  const names = new Map<string, string>();
  let down = false;
  const failures = new Map<string, string>();
  const waiters: { count: number; resolve: (calls: SlackCall[]) => void }[] = [];
  let clock = 1764494445;
  const server: Server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '');
      if (down) {
        res.writeHead(503);
        res.end('{}');
        return;
      }
      // Read methods come form-encoded, as Slack requires; writes come as JSON.
      const form = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
      const body = form ? Object.fromEntries(new URLSearchParams(text)) : text ? (JSON.parse(text) as Record<string, unknown>) : {};
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
      const read = readAnswer(method, body, members, names);
      res.end(JSON.stringify(failure ? { ok: false, error: failure } : (read ?? { ok: true, channel: body.channel, ts })));
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
    setMembers: (channel, ids) => void members.set(channel, ids),
    setUserName: (user, name) => void names.set(user, name),
    setDown: (value) => void (down = value),
    async waitUntil(done, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!done(calls)) {
        if (Date.now() > deadline) throw new Error(`gave up waiting on Slack; calls so far: ${JSON.stringify(calls.map((c) => [c.method, c.body.text]))}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return calls.slice();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
