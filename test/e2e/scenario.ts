/**
 * The end-to-end HTTP scenario, the same for every runtime: a customer's Web Chat talks Direct Line to the
 * server, and every bot reply says where the conversation stands (`channelData.softbounce`).
 */
import { expect } from 'vitest';
import { DirectLineClient, type LoggedActivity, type StartedConversation } from './direct-line-client.js';
import type { RunningServer } from './servers.js';

const isBot = (a: LoggedActivity) => a.from.role === 'bot';
const repliesTo = (log: LoggedActivity[], id: string) => log.filter((a) => a.replyToId === id);
const positionOf = (activity: LoggedActivity | undefined) => activity?.channelData?.softbounce;

/** Says `text` and waits for the replies to it; returns them. */
async function exchange(client: DirectLineClient, conversation: StartedConversation, text: string): Promise<LoggedActivity[]> {
  const id = await client.say(conversation, text);
  const log = await client.pollUntil(conversation, (seen) => repliesTo(seen, id).length > 0);
  expect(log.find((a) => a.id === id)).toMatchObject({ type: 'message', text, from: { role: 'user' } });
  const replies = repliesTo(log, id);
  for (const reply of replies) expect(positionOf(reply)?.flowId).toBe('smtp_421');
  return replies;
}

/** Greeting with its choices, answers by button label, the check-back offer and the resolution. */
export async function walkThroughDeferredMail(baseUrl: string, secret: string): Promise<void> {
  const client = new DirectLineClient(baseUrl, secret);
  const started = await client.start();
  expect(started.status).toBe(201);
  expect(started.body).toMatchObject({ conversationId: expect.any(String), token: expect.any(String), expires_in: expect.any(Number) });
  const conversation = started.body;

  const greeting = await client.pollUntil(conversation, (log) => log.some((a) => isBot(a) && a.suggestedActions));
  const welcome = greeting.filter(isBot).at(-1);
  expect(positionOf(welcome)).toEqual({ flowId: 'smtp_421', stepCount: 6, status: 'idle' });
  expect(welcome?.suggestedActions?.actions.map((a) => a.title)).toEqual(['My email is delayed or bounced', 'Something else']);

  const opened = await exchange(client, conversation, 'My email is delayed or bounced');
  const question = opened.at(-1);
  expect(positionOf(question)).toMatchObject({ stepId: 'confirm_error', stepNumber: 1, status: 'active' });
  expect(question?.suggestedActions?.actions.map((a) => a.title)).toContain('421 Server busy, try again later');

  const explained = await exchange(client, conversation, '421 Server busy, try again later');
  expect(positionOf(explained.at(-1))).toMatchObject({ stepId: 'wait_and_retry', status: 'active' });
  expect(explained.at(-1)?.inputHint).toBe('expectingInput');

  const waiting = await exchange(client, conversation, 'Just now (under 15 minutes)');
  expect(waiting.map((a) => a.text).join('\n')).toMatch(/check back/i);
  expect(positionOf(waiting.at(-1))?.stepId).toBe('retry_check');

  const resolved = await exchange(client, conversation, 'Yes, it went through');
  expect(positionOf(resolved.at(-1))?.status).toBe('resolved');

  const { body } = await client.activities(conversation);
  expect(Number(body.watermark)).toBe(body.activities.length);
  expect(body.activities.map((a) => a.id)).toEqual([...body.activities.map((a) => a.id)].sort());
}

/** Refusals are clear errors: a wrong secret, a token for another conversation, a malformed body. */
export async function refuseBadRequests(baseUrl: string, secret: string): Promise<void> {
  const client = new DirectLineClient(baseUrl, secret);
  const { body: mine } = await client.start();
  const { body: theirs } = await client.start();

  const wrongSecret = await new DirectLineClient(baseUrl, 'not-the-secret-at-all-0000').start();
  expect([401, 403]).toContain(wrongSecret.status);
  expect(wrongSecret.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });

  const crossed = await client.postRaw(theirs.conversationId, mine.token, JSON.stringify({ type: 'message', text: 'hi' }));
  expect([401, 403]).toContain(crossed.status);

  const malformed = await client.postRaw(mine.conversationId, mine.token, '{"type": "message", "text": ');
  expect(malformed.status).toBe(400);
  expect(malformed.body.error?.message).toBeTruthy();
}

/**
 * 50 messages posted at once to one conversation: all recorded, each turn whole and in log order, and the
 * conversation's state (read through the agents API) has every message in that same order.
 */
export async function postFiftyAtOnce(baseUrl: string, secret: string, agentToken: string): Promise<void> {
  const client = new DirectLineClient(baseUrl, secret);
  const { body: conversation } = await client.start();
  await client.pollUntil(conversation, (log) => log.some(isBot));
  const texts = Array.from({ length: 50 }, (_, n) => `still deferred, attempt ${n + 1}`);

  const ids = await Promise.all(texts.map((text) => client.say(conversation, text)));
  expect(new Set(ids).size).toBe(50);

  const log = await client.pollUntil(conversation, (seen) => ids.every((id) => repliesTo(seen, id).length > 0));
  const users = log.filter((a) => !isBot(a));
  expect(users.map((a) => a.text).sort()).toEqual([...texts].sort());
  expect(users.map((a) => a.id).sort()).toEqual([...ids].sort());
  // Each message's replies come right after it, so no two turns interleaved.
  let current: string | undefined;
  for (const activity of log) {
    if (!isBot(activity)) current = activity.id;
    else if (current !== undefined) expect(activity.replyToId).toBe(current);
  }
  expect(log.map((a) => a.id)).toEqual([...log.map((a) => a.id)].sort());
  expect(new Set(log.map((a) => a.id)).size).toBe(log.length);

  const response = await fetch(`${baseUrl}/api/agents/conversations/${conversation.conversationId}`, {
    headers: { authorization: `Bearer ${agentToken}` },
  });
  expect(response.status).toBe(200);
  const { transcript } = (await response.json()) as { transcript: { from: string; text: string }[] };
  expect(transcript.filter((entry) => entry.from === 'user').map((entry) => entry.text)).toEqual(users.map((a) => a.text));
}

/** A conversation survives a restart of the server: the log, the step it waits at, and the token. */
export async function surviveRestart(server: RunningServer, secret: string): Promise<RunningServer> {
  const before = new DirectLineClient(server.baseUrl, secret);
  const { body: conversation } = await before.start();
  await before.pollUntil(conversation, (log) => log.some((a) => isBot(a) && a.suggestedActions));
  await exchange(before, conversation, '421 Server busy, try again later');
  const { body: logged } = await before.activities(conversation);

  const restarted = await server.restart();
  const after = new DirectLineClient(restarted.baseUrl, secret);
  const { status, body: kept } = await after.activities(conversation);
  expect(status).toBe(200);
  expect(kept).toEqual(logged);
  const answered = await exchange(after, conversation, 'Just now (under 15 minutes)');
  expect(positionOf(answered.at(-1))?.stepId).toBe('retry_check');
  return restarted;
}
