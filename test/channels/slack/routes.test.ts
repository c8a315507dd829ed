import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BOT_TOKEN, slackFixture, slackHeaders, type SlackCall } from './slack-fakes.js';
import { startSlackHarness, type SlackHarness } from './slack-harness.js';

const THREAD = '1764494441.208309';
const CHANNEL_KEY = `slack:T04HOSTCO:C06SUPPORT:${THREAD}`;
type Button = { action_id: string; text: { text: string }; value: string };
type Blocks = { type: string; elements?: Button[] }[];

const posts = (calls: SlackCall[]) => calls.filter((c) => c.method === 'chat.postMessage');
const buttonsOf = (call: SlackCall | undefined) => ((call?.body.blocks as Blocks | undefined) ?? []).find((b) => b.type === 'actions')?.elements;

/** The block_actions payload Slack would send for a click on `button` of the posted message `call` (answered with `ts`). */
function clickPayload(call: SlackCall, ts: string, button: Button, channel = 'C06SUPPORT') {
  const payload = slackFixture<Record<string, any>>('block-actions');
  payload.channel = { id: channel, name: 'x' };
  payload.container = { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: false };
  payload.message = { ...payload.message, ts, text: call.body.text, blocks: call.body.blocks };
  if (call.body.thread_ts) payload.message.thread_ts = call.body.thread_ts;
  else delete payload.message.thread_ts;
  payload.actions = [{ ...button, block_id: 'ask', type: 'button', action_ts: '1764494460.770431' }];
  return payload;
}

describe('Slack routes', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness();
  });
  beforeEach(() => h.reset());
  afterAll(() => h.close());

  /** The `ts` the fake API answered for the n-th call (it counts up from 1764494446). */
  const tsOfCall = (index: number) => `${1764494446 + index}.000100`;

  it('answers url_verification with the challenge', async () => {
    const response = await h.event(slackFixture('url-verification'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
  });

  it('acknowledges a channel mention at once and answers after, in a thread under the mention', async () => {
    const response = await h.event(slackFixture('app-mention-channel'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect(h.slack.calls).toEqual([]);
    await h.settle();

    const replies = posts(h.slack.calls);
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) {
      expect(reply.authorization).toBe(`Bearer ${BOT_TOKEN}`);
      expect(reply.body).toMatchObject({ channel: 'C06SUPPORT', thread_ts: THREAD });
    }
    const record = await h.conversations.get(CHANNEL_KEY);
    expect((await h.conversations.transcript(CHANNEL_KEY)).find((e) => e.from === 'user')?.text).toBe('our mail to gmail.com keeps coming back with 421 4.7.0 try again later');
    expect(record?.ref).toMatchObject({ channel: 'slack', conversationId: 'C06SUPPORT', threadTs: THREAD, tenantId: 'T04HOSTCO' });
  });

  it('processes a mention once although Slack delivers it as app_mention and as message, and retries both', async () => {
    await h.event(slackFixture('app-mention-channel'));
    await h.event(slackFixture('message-channel-mention'));
    const retry = slackFixture('app-mention-channel');
    const body = JSON.stringify(retry);
    const retried = await h.event(body, { ...slackHeaders(body, h.nowSeconds()), 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(retried.status).toBe(200);
    await h.settle();
    const record = await h.conversations.get(CHANNEL_KEY);
    const transcript = await h.conversations.transcript(CHANNEL_KEY);
    expect(transcript.filter((e) => e.from === 'user')).toHaveLength(1);
    expect(posts(h.slack.calls).length).toBe(transcript.filter((e) => e.from === 'bot').length);
  });

  it('continues a thread it serves without a new mention, and ignores threads it does not serve', async () => {
    await h.event(slackFixture('message-thread-reply'));
    await h.settle();
    expect(h.slack.calls).toEqual([]);
    expect(await h.conversations.get(CHANNEL_KEY)).toBeUndefined();

    h.reset();
    await h.event(slackFixture('app-mention-channel'));
    await h.settle();
    const before = h.slack.calls.length;
    await h.event(slackFixture('message-thread-reply'));
    await h.settle();
    const after = posts(h.slack.calls.slice(before));
    expect(after.length).toBeGreaterThan(0);
    for (const reply of after) expect(reply.body.thread_ts).toBe(THREAD);
    const record = await h.conversations.get(CHANNEL_KEY);
    expect((await h.conversations.transcript(CHANNEL_KEY)).filter((e) => e.from === 'user').map((e) => e.text)).toContain('it started around 8 this morning');
  });

  it('answers a DM directly, not in a thread', async () => {
    await h.event(slackFixture('message-dm'));
    await h.settle();
    const replies = posts(h.slack.calls);
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) {
      expect(reply.body.channel).toBe('D07PIETERDM');
      expect(reply.body.thread_ts).toBeUndefined();
    }
  });

  it('ignores messages from bots, including its own, and edits', async () => {
    for (const name of ['message-from-bot', 'message-changed']) expect((await h.event(slackFixture(name))).status).toBe(200);
    const own = slackFixture<Record<string, any>>('message-dm');
    own.event.user = 'U07SOFTBOT';
    await h.event(own);
    await h.settle();
    expect(h.slack.calls).toEqual([]);
  });

  it('renders choices as buttons; a click updates the message to show the choice and answers the step', async () => {
    await h.event(slackFixture('app-mention-channel'));
    await h.settle();
    const askIndex = h.slack.calls.findIndex((c) => buttonsOf(c));
    expect(askIndex).toBeGreaterThanOrEqual(0);
    const ask = h.slack.calls[askIndex]!;
    const button = buttonsOf(ask)![1]!;
    const askTs = tsOfCall(askIndex);
    const stepBefore = (await h.conversations.get(CHANNEL_KEY))?.state.stepId;

    const before = h.slack.calls.length;
    const response = await h.interaction(clickPayload(ask, askTs, button));
    expect(response.status).toBe(200);
    await h.settle();
    const after = h.slack.calls.slice(before);
    expect(after[0]).toMatchObject({ method: 'chat.update', body: { channel: 'C06SUPPORT', ts: askTs } });
    const updated = JSON.stringify(after[0]?.body.blocks);
    expect(updated).not.toContain('"actions"');
    expect(updated).toContain(button.text.text);
    expect(updated).toContain('<@U05THANDI>');
    expect(posts(after).length).toBeGreaterThan(0);
    for (const reply of posts(after)) expect(reply.body.thread_ts).toBe(THREAD);

    const record = await h.conversations.get(CHANNEL_KEY);
    expect(record?.state.answers.map((a) => [a.stepId, a.text])).toContainEqual([stepBefore, button.text.text]);
  });

  it('greets a hello with the welcome choices and no check open; clicking the first opens the checks', async () => {
    const hello = slackFixture<Record<string, any>>('message-dm');
    hello.event.text = 'hello';
    await h.event(hello);
    await h.settle();
    const askIndex = h.slack.calls.findIndex((c) => buttonsOf(c));
    const welcome = h.slack.calls[askIndex]!;
    expect(buttonsOf(welcome)!.map((b) => b.text.text)).toEqual(['My email is delayed or bounced', 'Something else']);
    expect((await h.conversations.get('slack:T04HOSTCO:D07PIETERDM'))?.state).toMatchObject({ stepId: '', status: 'idle' });
    await h.interaction(clickPayload(welcome, tsOfCall(askIndex), buttonsOf(welcome)![0]!, 'D07PIETERDM'));
    await h.settle();
    expect((await h.conversations.get('slack:T04HOSTCO:D07PIETERDM'))?.state).toMatchObject({ stepId: 'confirm_error', status: 'active' });
  });

  it('answers a question once when its buttons are clicked twice', async () => {
    await h.event(slackFixture('message-dm'));
    await h.settle();
    const askIndex = h.slack.calls.findIndex((c) => buttonsOf(c));
    const ask = h.slack.calls[askIndex]!;
    const [first, second] = buttonsOf(ask)!;
    await h.interaction(clickPayload(ask, tsOfCall(askIndex), first!, 'D07PIETERDM'));
    await h.settle();
    const calls = h.slack.calls.length;
    const version = (await h.conversations.get('slack:T04HOSTCO:D07PIETERDM'))?.version;
    await h.interaction(clickPayload(ask, tsOfCall(askIndex), second!, 'D07PIETERDM'));
    await h.settle();
    expect(h.slack.calls.length).toBe(calls);
    expect((await h.conversations.get('slack:T04HOSTCO:D07PIETERDM'))?.version).toBe(version);
  });

  describe('refuses requests that are not signed by Slack now, with 401 and no work', () => {
    const body = JSON.stringify(slackFixture('app-mention-channel'));
    const cases: [string, (h: SlackHarness) => { body: string; headers: Record<string, string> }][] = [
      ['no signature headers', () => ({ body, headers: {} })],
      ['a signature made with another secret (forged)', (h) => ({ body, headers: slackHeaders(body, h.nowSeconds(), 'not-the-secret') })],
      ['a body changed after signing', (h) => ({ body: body.replace('gmail.com', 'yahoo.com'), headers: slackHeaders(body, h.nowSeconds()) })],
      ['a request signed 301 seconds ago (replay)', (h) => ({ body, headers: slackHeaders(body, h.nowSeconds() - 301) })],
      ['a timestamp from the future', (h) => ({ body, headers: slackHeaders(body, h.nowSeconds() + 3600) })],
      ['a malformed signature', (h) => ({ body, headers: { ...slackHeaders(body, h.nowSeconds()), 'x-slack-signature': 'v0=zz' } })],
    ];
    it.each(cases)('%s', async (_name, make) => {
      const request = make(h);
      const response = await h.event(request.body, request.headers);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: 'Unauthorized', message: expect.any(String) } });
      await h.settle();
      expect(h.slack.calls).toEqual([]);
      expect(await h.conversations.get(CHANNEL_KEY)).toBeUndefined();
    });

    it('a captured request replayed six minutes later', async () => {
      const headers = slackHeaders(body, h.nowSeconds());
      h.advance(360);
      expect((await h.event(body, headers)).status).toBe(401);
      await h.settle();
      expect(h.slack.calls).toEqual([]);
    });

    it('a forged click', async () => {
      const form = new URLSearchParams({ payload: JSON.stringify(slackFixture('block-actions')) }).toString();
      const response = await h.interaction(slackFixture('block-actions'), slackHeaders(form, h.nowSeconds(), 'not-the-secret'));
      expect(response.status).toBe(401);
      await h.settle();
      expect(h.slack.calls).toEqual([]);
    });
  });

  it('answers 400 with the reason for signed bodies it cannot read', async () => {
    const notJson = await h.event('{"type":');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: { code: 'BadArgument', message: expect.stringMatching(/JSON/) } });
    const noEvent = await h.event({ type: 'event_callback', team_id: 'T1', event_id: 'Ev1' });
    expect(noEvent.status).toBe(400);
    expect(await noEvent.json()).toMatchObject({ error: { message: expect.stringMatching(/event/) } });
    const badClick = await h.interaction({ type: 'block_actions' });
    expect(badClick.status).toBe(400);
  });

  it('answers 413 for a body far larger than any Slack payload', async () => {
    const response = await h.event('x'.repeat(300 * 1024));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'BodyTooLarge' } });
  });

  it('keeps acknowledging when the Web API refuses a call', async () => {
    h.slack.failNext('chat.postMessage', 'not_in_channel');
    const response = await h.event(slackFixture('message-dm'));
    expect(response.status).toBe(200);
    await h.settle();
    expect(h.slack.calls[0]?.method).toBe('chat.postMessage');
  });
});

describe('Slack without a signing secret', () => {
  it('answers 503 on both routes, naming the missing setting', async () => {
    const h = await startSlackHarness({ SLACK_SIGNING_SECRET: '' });
    for (const response of [await h.event(slackFixture('app-mention-channel')), await h.interaction(slackFixture('block-actions'))]) {
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        error: { code: 'ChannelDisabled', message: expect.stringMatching(/Slack channel is disabled: set SLACK_SIGNING_SECRET/) },
      });
    }
    await h.settle();
    expect(h.slack.calls).toEqual([]);
    await h.close();
  });
});
