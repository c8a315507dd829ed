import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackApi, SlackApiError } from '../../../src/channels/slack/api.js';
import { createSlackSender, sendSlackOutputs } from '../../../src/channels/slack/send.js';
import { loadConfig } from '../../../src/config.js';
import { BOT_TOKEN, startFakeSlack, type FakeSlack } from './slack-fakes.js';

describe('sendSlackOutputs (follow-ups and agent notes)', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack();
  });
  beforeEach(() => void slack.calls.splice(0));
  afterAll(() => slack.close());

  it('posts in the stored channel thread with the bot token', async () => {
    const send = createSlackSender(loadConfig({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: slack.apiUrl }));
    await send!({ channel: 'slack', conversationId: 'C06SUPPORT', threadTs: '1764494441.208309' }, [
      { kind: 'say', text: 'Checking back: did it go through?' },
      { kind: 'cancel_schedule', followupId: 'f1' },
    ]);
    expect(slack.calls).toEqual([
      {
        method: 'chat.postMessage',
        authorization: `Bearer ${BOT_TOKEN}`,
        body: { channel: 'C06SUPPORT', thread_ts: '1764494441.208309', text: 'Checking back: did it go through?' },
      },
    ]);
  });

  it('posts in a DM without a thread', async () => {
    await sendSlackOutputs(createSlackApi(slack.apiUrl, BOT_TOKEN), { channel: 'slack', conversationId: 'D07PIETERDM' }, [{ kind: 'say', text: 'hi' }]);
    expect(slack.calls[0]?.body).toEqual({ channel: 'D07PIETERDM', text: 'hi' });
  });

  it('reports Slack\'s error code when a call is refused', async () => {
    slack.failNext('chat.postMessage', 'channel_not_found');
    const api = createSlackApi(slack.apiUrl, BOT_TOKEN);
    await expect(api.postMessage({ channel: 'C0', text: 'x' })).rejects.toThrow(SlackApiError);
    slack.failNext('chat.postMessage', 'channel_not_found');
    await expect(api.postMessage({ channel: 'C0', text: 'x' })).rejects.toThrow(/channel_not_found/);
  });

  it('waits out a rate limit once and retries', async () => {
    slack.failNext('chat.postMessage', 'ratelimited');
    const ts = await createSlackApi(slack.apiUrl, BOT_TOKEN).postMessage({ channel: 'C1', text: 'x' });
    expect(slack.calls.map((c) => c.method)).toEqual(['chat.postMessage', 'chat.postMessage']);
    expect(ts).toMatch(/^\d+\.\d+$/);
  });

  it('is not built when Slack is not configured, and accepts an API URL without the trailing slash', async () => {
    expect(createSlackSender(loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN }))).toBeUndefined();
    const send = createSlackSender(loadConfig({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: slack.apiUrl.replace(/\/$/, '') }));
    await send!({ channel: 'slack', conversationId: 'D1' }, [{ kind: 'say', text: 'hi' }]);
    expect(slack.calls[0]?.method).toBe('chat.postMessage');
  });
});
