/**
 * Bad input against every HTTP endpoint of the real server, generated with fast-check: the answer is always a
 * 4xx (or a 2xx when the input happens to be acceptable) with `{ error: { code, message } }`, never a 5xx,
 * never a dropped connection. Bodies are sent with valid credentials so they reach the parsers.
 */
import fc from 'fast-check';
import { slackFixture, slackHeaders } from '../channels/slack/slack-fakes.js';
import { teamsFixture } from '../channels/teams/fixtures.js';
import type { KeyServer } from '../channels/teams/bot-framework-servers.js';
import { AGENT_TOKEN } from './agents.js';
import { DL_SECRET, openConversation, type DirectLineConversation } from './direct-line.js';
import { badBodies, oddPathPart, type BadBody } from './fuzz-inputs.js';
import { sendOnce } from './one-shot.js';
import { summary, verdict } from './tally.js';

interface Endpoint {
  name: string;
  method: 'POST' | 'GET' | 'DELETE';
  /** The path, given the generated value (bodyless endpoints put it, already percent-encoded, in the path or query). */
  path(value: string): Promise<string> | string;
  headers(body: string | Uint8Array): Promise<Record<string, string>> | Record<string, string>;
  /** A body the endpoint accepts; bad bodies are built from it. Absent: the endpoint reads no body. */
  valid?: Record<string, unknown>;
  /** The endpoint reads no body, so any body may be answered 2xx. */
  ignoresBody?: boolean;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
const textOf = (body: string | Uint8Array) => (typeof body === 'string' ? body : new TextDecoder().decode(body));

function endpoints(base: string, keys: KeyServer): Endpoint[] {
  // Each conversation takes a few dozen posts, below the per-conversation rate limit.
  let conversation: Promise<DirectLineConversation> | undefined;
  let posts = 0;
  const dlConversation = () => {
    if (!conversation || posts++ % 40 === 0) conversation = openConversation(base);
    return conversation;
  };
  const teams = teamsFixture('personal-message') as Record<string, unknown>;
  const slack = slackFixture('message-dm');
  const now = () => Math.floor(Date.now() / 1000);
  return [
    { name: 'POST /v3/directline/tokens/generate', method: 'POST', path: () => '/v3/directline/tokens/generate', headers: () => bearer(DL_SECRET), valid: { user: { id: 'u1', name: 'Pat' } } },
    { name: 'POST /v3/directline/conversations', method: 'POST', path: () => '/v3/directline/conversations', headers: () => bearer(DL_SECRET), valid: { user: { id: 'u1' }, locale: 'en-US' } },
    {
      name: 'POST /v3/directline/conversations/:id/activities',
      method: 'POST',
      path: async () => `/v3/directline/conversations/${(await dlConversation()).id}/activities`,
      headers: async () => bearer((await dlConversation()).token),
      valid: { type: 'message', text: 'my mail bounces with 421', from: { id: 'u1', name: 'Pat' }, channelData: { clientActivityID: 'x1' } },
    },
    {
      name: 'GET /v3/directline/conversations/:id/activities?watermark=',
      method: 'GET',
      path: async (value) => `/v3/directline/conversations/${(await dlConversation()).id}/activities?watermark=${value}`,
      headers: async () => bearer((await dlConversation()).token),
    },
    { name: 'GET /v3/directline/conversations/:id', method: 'GET', path: (value) => `/v3/directline/conversations/${value}`, headers: () => bearer(DL_SECRET) },
    { name: 'POST /webchat/token', method: 'POST', path: () => '/webchat/token', headers: () => ({ 'content-type': 'application/json' }), valid: { any: 'thing' }, ignoresBody: true },
    {
      name: 'POST /api/messages (Teams)',
      method: 'POST',
      path: () => '/api/messages',
      // A valid token for whatever serviceUrl the body names, so the body reaches the activity parser.
      headers: async (body) => {
        let serviceurl = teams.serviceUrl as string;
        try {
          const parsed = JSON.parse(textOf(body)) as { serviceUrl?: unknown };
          if (typeof parsed?.serviceUrl === 'string') serviceurl = parsed.serviceUrl;
        } catch {
          // Not JSON: any token will do, the parser answers first.
        }
        return { authorization: await keys.token({ serviceurl }), 'content-type': 'application/json' };
      },
      valid: teams,
    },
    {
      name: 'POST /slack/events',
      method: 'POST',
      path: () => '/slack/events',
      headers: (body) => ({ 'content-type': 'application/json', ...slackHeaders(textOf(body), now()) }),
      valid: slack,
    },
    {
      name: 'POST /slack/interactions',
      method: 'POST',
      path: () => '/slack/interactions',
      headers: (body) => ({ 'content-type': 'application/x-www-form-urlencoded', ...slackHeaders(textOf(body), now()) }),
      valid: { type: 'block_actions', user: { id: 'U1' }, team: { id: 'T1' }, channel: { id: 'D1' }, message: { ts: '1.2' }, actions: [{ action_id: 'a', value: '{}' }] },
    },
    { name: 'POST /api/agents/takeover', method: 'POST', path: () => '/api/agents/takeover', headers: () => bearer(AGENT_TOKEN), valid: { conversationId: 'no-such-conversation', agent: 'Sam' } },
    {
      name: 'POST /api/agents/handoff',
      method: 'POST',
      path: () => '/api/agents/handoff',
      headers: () => bearer(AGENT_TOKEN),
      valid: { conversationId: 'fuzz-handoff', agent: 'Sam', known: { replyCode: '421', stepsDone: ['confirm_error'] } },
    },
    { name: 'POST /api/agents/conversations/:id/messages', method: 'POST', path: () => '/api/agents/conversations/no-such-conversation/messages', headers: () => bearer(AGENT_TOKEN), valid: { text: 'hello', agent: 'Sam' } },
    { name: 'GET /api/agents/conversations/:id', method: 'GET', path: (value) => `/api/agents/conversations/${value}`, headers: () => bearer(AGENT_TOKEN) },
    {
      name: 'GET /api/agents/analytics?from=&to=&format=',
      method: 'GET',
      path: (value) => `/api/agents/analytics?from=${value}&to=${value}&format=${['json', 'text', 'html', value][value.length % 4]}`,
      headers: () => bearer(AGENT_TOKEN),
    },
    { name: 'DELETE /api/agents/conversations/:id', method: 'DELETE', path: (value) => `/api/agents/conversations/${value}`, headers: () => bearer(AGENT_TOKEN) },
  ];
}

/** Slack interactions arrive form-encoded: the bad JSON goes into the `payload` field as well as raw. */
function slackForm(bad: BadBody): BadBody {
  return { ...bad, body: `payload=${encodeURIComponent(textOf(bad.body))}` };
}

/** What is wrong with one answer, or undefined when it is a proper answer to bad input. */
async function judge(response: Response, bad: BadBody | undefined, ignoresBody: boolean): Promise<string | undefined> {
  const text = await response.text();
  if (response.status >= 500) return `answered ${response.status}: ${text.slice(0, 200)}`;
  if (bad?.mustReject && !ignoresBody && response.status < 400) return `accepted (${response.status}) a body that is ${bad.kind}`;
  if (response.status < 400) return undefined;
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string' || body.error.message.length < 5) {
      return `answered ${response.status} without { error: { code, message } }: ${text.slice(0, 200)}`;
    }
  } catch {
    return `answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`;
  }
  return undefined;
}

/** Fuzzes each endpoint `runs` times; one check per endpoint, naming the first bad answer found. */
export async function fuzzTest(base: string, keys: KeyServer, runs: number): Promise<void> {
  for (const endpoint of endpoints(base, keys)) {
    const failures: string[] = [];
    let failed = 0;
    const arbitrary = endpoint.valid
      ? fc.tuple(badBodies(endpoint.valid), fc.boolean()).map(([bad, form]) => (endpoint.name.includes('interactions') && form ? slackForm(bad) : bad))
      : oddPathPart;
    let tried = 0;
    const run = await fc.check(
      fc.asyncProperty(arbitrary, async (input) => {
        const bad = typeof input === 'string' ? undefined : input;
        const value = typeof input === 'string' ? input : '';
        summary.badInputsTried += 1;
        tried += 1;
        const path = await endpoint.path(value);
        const headers = await endpoint.headers(bad?.body ?? '');
        let problem: string | undefined;
        try {
          const response = await sendOnce(`${base}${path}`, endpoint.method, headers, bad?.body);
          problem = await judge(response, bad, endpoint.ignoresBody === true);
        } catch (error) {
          problem = `no answer (connection failed): ${String(error)}`;
        }
        if (problem) {
          failed += 1;
          if (failures.length < 5) failures.push(`${bad ? bad.kind : `path value ${JSON.stringify(value).slice(0, 60)}`}: ${problem}`);
        }
        // Every input runs (no early stop, no shrinking over HTTP); the failures are collected above.
        return true;
      }),
      { numRuns: runs, interruptAfterTimeLimit: 120_000 },
    );
    if (failed > failures.length) failures.push(`(${failed} bad answers in all)`);
    if (run.failed) failures.push(`the generator or client broke: ${String(run.errorInstance)}`);
    if (tried < runs) failures.push(`only ${tried} of ${runs} inputs ran`);
    verdict(`bad input: ${endpoint.name}`, failures, `${tried} inputs`);
  }
}
