/** A due follow-up reaches the user on their own channel: the Direct Line log, and Slack's Web API. */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogWriter, type LogWriter } from '../../src/channels/directline/log-writer.js';
import { loadConfig } from '../../src/config.js';
import { createConversations, type Conversations } from '../../src/conversation/service.js';
import { createLogger } from '../../src/log.js';
import { createTurnDeps } from '../../src/runtime/engine.js';
import { createChannelSenders } from '../../src/scheduler/channel-senders.js';
import { deliverThroughChannels } from '../../src/scheduler/deliver.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';

const T0 = Date.UTC(2026, 10, 2, 9, 30);
const DAY = 86_400_000;
const GREYLISTED = '421 4.7.0 Greylisting enabled, please try later';

interface Message {
  type: string;
  text?: string;
  from: { role?: string };
  channelData?: { softbounce?: { stepId: string } };
}

describe('follow-up delivery through the channels', () => {
  let store: Store;
  let clock: { now: number };
  let service: Conversations;
  let writer: LogWriter;
  let slackCalls: { path: string; auth: string; body: { channel: string; thread_ts?: string; text: string } }[];
  let slack: Server;
  let slackUrl: string;

  beforeEach(async () => {
    store = openSqliteStore(':memory:');
    clock = { now: T0 };
    service = createConversations({ store, deps: createTurnDeps(loadConfig({}), () => clock.now) });
    writer = createLogWriter({ store, conversations: service, now: () => clock.now });
    slackCalls = [];
    slack = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        slackCalls.push({ path: req.url ?? '', auth: req.headers.authorization ?? '', body: JSON.parse(raw) });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ ok: true, ts: `1764500000.00010${slackCalls.length}` }));
      });
    }).listen(0, '127.0.0.1');
    await once(slack, 'listening');
    slackUrl = `http://127.0.0.1:${(slack.address() as { port: number }).port}/api/`;
  });
  afterEach(async () => {
    slack.close();
    await store.close();
  });

  const schedulerFor = (env: Record<string, string>) => {
    const config = loadConfig(env);
    return createScheduler({
      store, conversations: service, now: () => clock.now, log: createLogger('silent'), retentionDays: 30,
      deliver: deliverThroughChannels(createChannelSenders(config, writer)),
    });
  };

  it('appends the follow-up question to the Direct Line log the client polls, with its step', async () => {
    const user = { id: 'u1' };
    await writer.start('dl1', user);
    await writer.post('dl1', user, { type: 'message', text: GREYLISTED });
    await writer.post('dl1', user, { type: 'message', text: 'Just now (under 15 minutes)' });
    const { watermark } = await store.getActivities('dl1', 0);

    clock.now += DAY;
    expect(await schedulerFor({}).tick()).toMatchObject({ ran: 1, undelivered: 0 });
    const { activities } = await store.getActivities('dl1', watermark);
    const added = activities as Message[];
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((a) => a.type === 'message' && a.from.role === 'bot')).toBe(true);
    expect(added.at(-1)?.channelData?.softbounce?.stepId).toBe('retry_check');
    const transcript = await store.getTranscript('dl1');
    expect(added.map((a) => a.text)).toEqual(transcript.slice(-added.length).map((t) => t.text));
  });

  it("posts the follow-up into the user's Slack thread with the bot token", async () => {
    const ref = { channel: 'slack' as const, conversationId: 'C0SUPPORT', threadTs: '1764400000.000200', userId: 'U1' };
    await service.turn('sl1', ref, { kind: 'message', text: GREYLISTED });
    await service.turn('sl1', ref, { kind: 'message', text: 'Just now (under 15 minutes)', choice: 'just_now' });

    clock.now += DAY;
    const env = { SLACK_SIGNING_SECRET: 'slack-signing-secret-123', SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_API_URL: slackUrl };
    expect(await schedulerFor(env).tick()).toMatchObject({ ran: 1, undelivered: 0 });
    expect(slackCalls.length).toBeGreaterThan(0);
    for (const call of slackCalls) {
      expect(call).toMatchObject({ path: '/api/chat.postMessage', auth: 'Bearer xoxb-test-token' });
      expect(call.body).toMatchObject({ channel: 'C0SUPPORT', thread_ts: '1764400000.000200' });
    }
  });

  it('builds only the senders whose channel is configured', () => {
    expect(Object.keys(createChannelSenders(loadConfig({}), writer))).toEqual(['directline']);
  });
});
