/**
 * Credentials that must not work: forged and expired Direct Line tokens, a token used on another
 * conversation, forged Slack signatures and replays outside the five-minute window, forged and expired Teams
 * tokens, agent endpoints without the token. Each is refused, and nothing behind it is processed.
 */
import { sign } from 'hono/jwt';
import { slackFixture, slackHeaders, type FakeSlack } from '../channels/slack/slack-fakes.js';
import { teamsFixture } from '../channels/teams/fixtures.js';
import type { KeyServer } from '../channels/teams/bot-framework-servers.js';
import { storedConversation } from './agents.js';
import { DL_SECRET, openConversation, postMessage, readLog, userMessages } from './direct-line.js';
import { send, summary, verdict } from './tally.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends each attempt; every one must be answered with one of `allowed`. */
async function expectRefused(what: string, allowed: number[], attempts: [string, () => Promise<Response>][]): Promise<string[]> {
  const problems: string[] = [];
  for (const [name, attempt] of attempts) {
    const response = await attempt();
    await response.arrayBuffer();
    if (allowed.includes(response.status)) summary.rejectedAttacks += 1;
    else problems.push(`${what}, ${name}: answered ${response.status}, expected ${allowed.join(' or ')}`);
  }
  return problems;
}

async function directLine(base: string): Promise<void> {
  const mine = await openConversation(base);
  const other = await openConversation(base);
  await pause(300);
  const before = (await readLog(base, other)).length;
  const now = Math.floor(Date.now() / 1000);
  const forged = await sign({ iss: 'softbounce/directline', conv: other.id, iat: now, exp: now + 600 }, 'not-the-secret-0123456789abcdef', 'HS256');
  const expired = await sign({ iss: 'softbounce/directline', conv: other.id, iat: now - 7200, exp: now - 3600 }, DL_SECRET, 'HS256');
  const post = (token: string | undefined) => () =>
    send(`${base}/v3/directline/conversations/${other.id}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ type: 'message', from: { id: 'attacker' }, text: 'attack: this must never be processed' }),
    });
  const problems = await expectRefused('Direct Line', [401, 403], [
    ['forged token', post(forged)],
    ['expired token', post(expired)],
    ["another conversation's token", post(mine.token)],
    ['no token', post(undefined)],
    ['token mangled', post(`${other.token.slice(0, -4)}AAAA`)],
    ['reading with another conversation\'s token', () => send(`${base}/v3/directline/conversations/${other.id}/activities?watermark=`, { headers: { authorization: `Bearer ${mine.token}` } })],
    ['a token generating tokens', () => send(`${base}/v3/directline/tokens/generate`, { method: 'POST', headers: { authorization: `Bearer ${mine.token}` } })],
  ]);
  const after = await readLog(base, other);
  if (after.length !== before) problems.push(`Direct Line: the attacked conversation's log went from ${before} to ${after.length} activities`);
  if (userMessages(await readLog(base, mine)).length !== 0) problems.push("Direct Line: the attacker's own conversation got a message");
  if ((await postMessage(base, other, 'hello', 'legit-1')) !== 200) problems.push('Direct Line: the real token stopped working');
  verdict('security: Direct Line refuses forged, expired and misused tokens; nothing is processed', problems);
}

async function slack(base: string, fake: FakeSlack): Promise<void> {
  const template = slackFixture<{ event: Record<string, unknown> } & Record<string, unknown>>('message-dm');
  const channel = 'DATTACK0001';
  const body = JSON.stringify({ ...template, event_id: 'EvATTACK', event: { ...template.event, channel, text: 'attack: never processed' } });
  const now = Math.floor(Date.now() / 1000);
  const callsBefore = fake.calls.length;
  const post = (headers: Record<string, string>) => () =>
    send(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const problems = await expectRefused('Slack', [401], [
    ['forged signature', post(slackHeaders(body, now, 'a-forged-signing-secret-000000'))],
    ['replayed 6 minutes later', post(slackHeaders(body, now - 360))],
    ['replayed a day later', post(slackHeaders(body, now - 86_400))],
    ['signed 10 minutes in the future', post(slackHeaders(body, now + 600))],
    ['no signature', post({})],
    ['signature of another body', post(slackHeaders(body.replace('attack', 'altered'), now))],
  ]);
  await pause(500);
  if (await storedConversation(base, `slack:T04HOSTCO:${channel}`)) problems.push('Slack: a refused event created a conversation');
  const replies = fake.calls.slice(callsBefore).filter((c) => c.body.channel === channel);
  if (replies.length > 0) problems.push(`Slack: the bot answered a refused event ${replies.length} times`);
  verdict('security: Slack refuses forged signatures and replays outside the window; nothing is processed', problems);
}

async function teams(base: string, keys: KeyServer): Promise<void> {
  const conversationId = 'a:attack-0001';
  const activity = teamsFixture('personal-message', { id: 'attack-1', conversation: { conversationType: 'personal', id: conversationId } });
  const body = JSON.stringify(activity);
  const serviceurl = activity.serviceUrl as string;
  const post = (authorization: Promise<string> | undefined) => async () =>
    send(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization: await authorization } : {}) }, body });
  const problems = await expectRefused('Teams', [401], [
    ['forged key', post(keys.otherKey().then((key) => keys.token({ serviceurl, key })))],
    ['expired token', post(keys.token({ serviceurl, expiresIn: -3600 }))],
    ['token for another bot', post(keys.token({ serviceurl, aud: 'another-bot-id' }))],
    ['token for another service URL', post(keys.token({ serviceurl: 'https://attacker.example/' }))],
    ['token from another issuer', post(keys.token({ serviceurl, iss: 'https://attacker.example' }))],
    ['no token', post(undefined)],
  ]);
  await pause(500);
  if (await storedConversation(base, `msteams:${conversationId}`)) problems.push('Teams: a refused activity created a conversation');
  verdict('security: Teams refuses forged, expired and misaddressed tokens; nothing is processed', problems);
}

async function agents(base: string): Promise<void> {
  const target = await openConversation(base);
  await pause(300);
  const paths: [string, string, unknown][] = [
    ['POST', '/api/agents/takeover', { conversationId: target.id, agent: 'Mallory' }],
    ['POST', '/api/agents/handoff', { conversationId: target.id }],
    ['POST', `/api/agents/conversations/${target.id}/messages`, { text: 'attack' }],
    ['GET', `/api/agents/conversations/${target.id}`, undefined],
    ['DELETE', `/api/agents/conversations/${target.id}`, undefined],
    ['GET', '/api/agents/analytics', undefined],
  ];
  const attempts: [string, () => Promise<Response>][] = [];
  for (const [method, path, body] of paths) {
    for (const [name, header] of [['no token', undefined], ['wrong token', 'Bearer not-the-agent-token-000000'], ['Direct Line token', `Bearer ${target.token}`]] as const) {
      attempts.push([`${method} ${path.replace(target.id, ':id')} with ${name}`, () =>
        send(`${base}${path}`, {
          method,
          headers: { 'content-type': 'application/json', ...(header ? { authorization: header } : {}) },
          ...(body ? { body: JSON.stringify(body) } : {}),
        })]);
    }
  }
  const problems = await expectRefused('agents API', [401], attempts);
  const stored = await storedConversation(base, target.id);
  if (!stored) problems.push('agents API: the conversation was erased');
  else if (stored.state.handler === 'human') problems.push('agents API: the conversation was taken over');
  verdict('security: the agents API refuses callers without the agent token; nothing is changed', problems, `${attempts.length} attempts`);
}

/** All four channels' refusals, one check each. */
export async function securityTest(base: string, keys: KeyServer, fake: FakeSlack): Promise<void> {
  await directLine(base);
  await slack(base, fake);
  await teams(base, keys);
  await agents(base);
}
