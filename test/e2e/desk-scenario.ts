/**
 * The live handoff end to end, the same for every runtime: a web chat customer escalates, an agent takes the
 * case in the Slack agents' channel (the local fake Web API), they exchange two messages each way through the
 * case's thread, and the agent hands back at check 5, where the bot carries on.
 */
import { expect } from 'vitest';
import { deskClick, lastUpdate, postedCase, threadReply, threadTexts } from '../channels/slack/desk-payloads.js';
import { BOT_TOKEN, SIGNING_SECRET, slackHeaders, type FakeSlack } from '../channels/slack/slack-fakes.js';
import { DirectLineClient, type LoggedActivity, type StartedConversation } from './direct-line-client.js';

export const AGENTS_CHANNEL = 'C0AGENTS';

/** The server settings for the Slack desk against `slack`. */
export function deskSettings(slack: FakeSlack): Record<string, string> {
  return { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: slack.apiUrl, SLACK_AGENTS_CHANNEL: AGENTS_CHANNEL };
}

/** POSTs a signed Events API body or interactivity payload to the server, as Slack does. */
export async function toSlackRoute(baseUrl: string, kind: 'events' | 'interactions', payload: unknown): Promise<number> {
  const body = kind === 'events' ? JSON.stringify(payload) : new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const response = await fetch(`${baseUrl}/slack/${kind}`, {
    method: 'POST',
    headers: {
      'content-type': kind === 'events' ? 'application/json' : 'application/x-www-form-urlencoded',
      ...slackHeaders(body, Math.floor(Date.now() / 1000)),
    },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

const botTexts = (log: LoggedActivity[]) => log.filter((a) => a.from.role === 'bot').map((a) => a.text ?? '');

/** A web chat customer who escalates by asking for a person twice; resolves once the case is in the agents' channel. */
export async function escalateFromWebChat(baseUrl: string, secret: string, slack: FakeSlack): Promise<{ client: DirectLineClient; conversation: StartedConversation; caseTs: string }> {
  slack.setMembers(AGENTS_CHANNEL, ['U0ANA', 'U0BEN']);
  slack.setUserName('U0ANA', 'Ana');
  const client = new DirectLineClient(baseUrl, secret);
  const { body: conversation } = await client.start();
  for (const text of ['my mails to outlook.com are deferred with 421 4.4.5 too many connections', 'I want to talk to a human', 'please, a real person now']) {
    const id = await client.say(conversation, text);
    await client.pollUntil(conversation, (log) => log.some((a) => a.replyToId === id));
  }
  const calls = await slack.waitUntil((seen) => postedCase(seen, AGENTS_CHANNEL) !== undefined);
  return { client, conversation, caseTs: postedCase(calls, AGENTS_CHANNEL)!.ts };
}

/** Take in Slack, two messages each way, hand back at check 5, and the bot asks check 5's question. */
export async function liveHandoffThroughSlack(baseUrl: string, secret: string, slack: FakeSlack): Promise<void> {
  const { client, conversation, caseTs } = await escalateFromWebChat(baseUrl, secret, slack);

  expect(await toSlackRoute(baseUrl, 'interactions', deskClick('take', 'U0ANA', caseTs))).toBe(200);
  await slack.waitUntil((calls) => lastUpdate(calls, caseTs).includes('*Ana* has this case'));
  await client.pollUntil(conversation, (log) => botTexts(log).some((t) => t.includes('support team is handling')));

  const agentSays = ['Hi, Ana here from support.', 'Please send one plain test email to a single gmail address.'];
  for (const text of agentSays) expect(await toSlackRoute(baseUrl, 'events', threadReply('U0ANA', text, caseTs))).toBe(200);
  await client.pollUntil(conversation, (log) => agentSays.every((text) => botTexts(log).includes(`Ana: ${text}`)));

  const customerSays = ['ok, sending it now', 'done, it arrived'];
  for (const text of customerSays) await client.say(conversation, text);
  await slack.waitUntil((calls) => customerSays.every((text) => threadTexts(calls, caseTs).some((t) => t.includes(`*Customer:* ${text}`))));

  expect(await toSlackRoute(baseUrl, 'interactions', deskClick('handback', 'U0ANA', caseTs, { resumeAt: 'test_email' }))).toBe(200);
  const log = await client.pollUntil(conversation, (seen) => seen.some((a) => a.channelData?.softbounce?.stepId === 'test_email'));
  const resumed = log.filter((a) => a.channelData?.softbounce?.stepId === 'test_email').at(-1);
  expect(resumed?.channelData?.softbounce).toMatchObject({ stepNumber: 5, status: 'active' });
  expect(botTexts(log).join('\n')).toContain("I'm back. Ana has filled me in");
  await slack.waitUntil((calls) => lastUpdate(calls, caseTs).includes('Back with the bot at check 5'));

  const answered = await client.say(conversation, 'Yes, the test went through');
  const after = await client.pollUntil(conversation, (seen) => seen.some((a) => a.replyToId === answered));
  // Check 5 answered: a plain test that goes through settles it (the flow's end for a working test email).
  expect(after.filter((a) => a.replyToId === answered).at(-1)?.channelData?.softbounce?.status).toBe('resolved');
}
