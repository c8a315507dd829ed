/**
 * The Direct Line WebSocket stream against both real runtimes, each a child process: the Node server and the
 * Worker on `wrangler dev` (sockets held by the conversation's Durable Object). What one commit writes arrives
 * on every socket of the conversation as one set; a fresh streamUrl resumes from its watermark; bad upgrade
 * requests get an HTTP error and no socket; sockets close when their token expires or the conversation goes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../../src/channels/directline/tokens.js';
import { DirectLineClient, type StartedConversation } from '../../e2e/direct-line-client.js';
import { startNodeServer, startWranglerDev, type RunningServer } from '../../e2e/servers.js';
import { openStream, refusal } from './stream-client.js';

const SECRET = 'stream-test-direct-line-secret-0123456789';
const AGENT_TOKEN = 'stream-test-agent-token-0123456789';
const SETTINGS = { DIRECT_LINE_SECRET: SECRET, AGENT_TOKEN, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000', DIRECT_LINE_KEEPALIVE_SECONDS: '1' };

/** The stream address of `conversation` with another token or watermark in it. */
function streamUrlWith(conversation: StartedConversation, params: Record<string, string | undefined>): string {
  const url = new URL(conversation.streamUrl);
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) url.searchParams.delete(name);
    else url.searchParams.set(name, value);
  }
  return url.toString();
}

describe.each([
  { runtime: 'Node', start: startNodeServer },
  { runtime: 'Workers (wrangler dev)', start: startWranglerDev },
])('Direct Line stream on $runtime', ({ start }) => {
  let server: RunningServer;
  let client: DirectLineClient;

  beforeAll(async () => {
    server = await start(SETTINGS);
    client = new DirectLineClient(server.baseUrl, SECRET);
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
  });

  async function started(): Promise<StartedConversation> {
    const answer = await client.start();
    expect(answer.status).toBe(201);
    return answer.body;
  }

  async function logIds(conversation: StartedConversation): Promise<{ ids: string[]; watermark: string }> {
    const { body } = await client.activities(conversation);
    return { ids: body.activities.map((a) => a.id), watermark: body.watermark };
  }

  it('pushes what each commit writes, the user\'s echo included, to every socket of the conversation', async () => {
    const conversation = await started();
    const tabs = [await openStream(conversation.streamUrl), await openStream(conversation.streamUrl)];
    const echo = await client.say(conversation, 'my mail to gmail.com is deferred with 421 4.7.0');
    const log = await client.pollUntil(conversation, (seen) => seen.some((a) => a.replyToId === echo));
    for (const tab of tabs) {
      await tab.until((ids) => ids.length >= log.length);
      expect(tab.ids()).toEqual(log.map((a) => a.id));
      // The echo and the bot's replies were one commit, so they arrive as one set, echo first.
      const turn = tab.sets.find((set) => set.activities[0]?.id === echo);
      expect(turn?.activities.length).toBeGreaterThan(1);
      expect(turn?.activities.slice(1).every((a) => a.from.role === 'bot')).toBe(true);
      expect(tab.sets.at(-1)?.watermark).toBe((await logIds(conversation)).watermark);
      tab.close();
    }
  });

  it('keeps the socket alive with empty messages', async () => {
    const stream = await openStream((await started()).streamUrl);
    // Node sends one every DIRECT_LINE_KEEPALIVE_SECONDS; on Workers the runtime answers Web Chat's empty ping.
    stream.ping();
    await expect.poll(() => stream.keepAlives, { timeout: 5_000 }).toBeGreaterThan(0);
    stream.close();
  });

  it('resumes from the watermark of a fresh streamUrl: nothing lost, nothing repeated', async () => {
    const conversation = await started();
    const first = await openStream(conversation.streamUrl);
    await first.until((ids) => ids.length > 0);
    const seen = first.sets.at(-1)!.watermark;
    first.close();
    await first.closed;

    // Written while no socket is open.
    const echo = await client.say(conversation, 'my mail to web.de is deferred with 421 4.4.2');
    await client.pollUntil(conversation, (log) => log.some((a) => a.replyToId === echo));
    const reconnect = await fetch(`${server.baseUrl}/v3/directline/conversations/${conversation.conversationId}?watermark=${seen}`, {
      headers: { authorization: `Bearer ${conversation.token}` },
    });
    expect(reconnect.status).toBe(200);
    const { streamUrl } = (await reconnect.json()) as { streamUrl: string };
    expect(new URL(streamUrl).searchParams.get('watermark')).toBe(seen);

    const second = await openStream(streamUrl);
    const { ids } = await logIds(conversation);
    await second.until((got) => first.ids().length + got.length >= ids.length);
    expect([...first.ids(), ...second.ids()]).toEqual(ids);
    second.close();
  });

  it('refuses bad upgrade requests with an HTTP error, and opens no socket', async () => {
    const conversation = await started();
    const other = await started();
    const expired = await issueToken(SECRET, { conversationId: conversation.conversationId }, Date.now() - 3_600_000, 60);
    const { watermark } = await logIds(conversation);

    expect(await refusal(streamUrlWith(conversation, { t: undefined }))).toBe(401);
    expect(await refusal(streamUrlWith(conversation, { t: other.token }))).toBe(403);
    expect(await refusal(streamUrlWith(conversation, { t: expired.token }))).toBe(403);
    expect(await refusal(streamUrlWith(conversation, { t: 'not.a.token' }))).toBe(403);
    expect(await refusal(streamUrlWith(conversation, { t: SECRET }))).toBe(403);
    expect(await refusal(streamUrlWith(conversation, { watermark: 'abc' }))).toBe(400);
    expect(await refusal(streamUrlWith(conversation, { watermark: String(Number(watermark) + 5) }))).toBe(404);

    const plain = await fetch(conversation.streamUrl.replace(/^ws/, 'http'));
    expect(plain.status).toBe(426);
    expect(((await plain.json()) as { error: { code: string } }).error.code).toBe('UpgradeRequired');
  });

  // Under wrangler dev the close frame arrives at once but the connection ends about 10 s later; `closed` waits for that.
  it('closes the socket when its token expires', async () => {
    const conversation = await started();
    // A token from the site owner's backend that has about 3 seconds left.
    const { token } = await issueToken(SECRET, { conversationId: conversation.conversationId }, Date.now() - 57_000, 60);
    const stream = await openStream(streamUrlWith(conversation, { t: token }));
    const closed = await Promise.race([stream.closed, new Promise((r) => setTimeout(() => r('still open'), 25_000))]);
    expect(closed).toMatchObject({ code: 1008, reason: expect.stringContaining('expired') });
  }, 30_000);

  it('closes the socket when the conversation is erased, and the reconnect then gets 404', async () => {
    const conversation = await started();
    const stream = await openStream(conversation.streamUrl);
    await stream.until((ids) => ids.length > 0);
    const erased = await fetch(`${server.baseUrl}/api/agents/conversations/${conversation.conversationId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${AGENT_TOKEN}` },
    });
    expect(erased.status).toBeLessThan(300);
    expect(await stream.closed).toMatchObject({ code: 1000, reason: 'conversation erased' });
    const reconnect = await fetch(
      `${server.baseUrl}/v3/directline/conversations/${conversation.conversationId}?watermark=${stream.sets.at(-1)!.watermark}`,
      { headers: { authorization: `Bearer ${conversation.token}` } },
    );
    expect(reconnect.status).toBe(404);
  }, 30_000);
});
