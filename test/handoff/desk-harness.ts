/**
 * The real app wired as `npm start` wires it (memory store, the built engine, the Direct Line log writer, the
 * channel senders and the outbox) with both agents' desks configured: Slack against the local fake Web API and
 * Teams against the local Bot Framework servers. A customer talks Direct Line; agents click and reply.
 */
import { fixedTokenCredentials } from '../../src/channels/teams/connector.js';
import { createLogWriter } from '../../src/channels/directline/log-writer.js';
import { loadConfig } from '../../src/config.js';
import { createConversations, type Conversations } from '../../src/conversation/service.js';
import { configuredDeliveries, configuredNames } from '../../src/handoff/configured-targets.js';
import { createOutbox } from '../../src/handoff/outbox.js';
import { createApp } from '../../src/http/app.js';
import { createLogger, type Logger } from '../../src/log.js';
import { createTurnDeps } from '../../src/runtime/engine.js';
import { createChannelSenders } from '../../src/scheduler/channel-senders.js';
import { createMemoryStore } from '../../src/store/memory.js';
import type { Store } from '../../src/store/types.js';
import { BOT_TOKEN, SIGNING_SECRET, slackHeaders, startFakeSlack, type FakeSlack } from '../channels/slack/slack-fakes.js';
import { APP_ID, startFakeConnector, startKeyServer, type FakeConnector, type KeyServer } from '../channels/teams/bot-framework-servers.js';

export const SECRET = 'desk-direct-line-secret-0123456789';
export const AGENTS = 'C0AGENTS';
export const TEAMS_AGENTS = '19:d35c0a2e6f8b4a1c9e7d5b3f1a0c2e4d@thread.tacv2';
export const AGENT_TOKEN = 'desk-agent-token-0123456789';

/** Every log line the app wrote, to check that refusals are logged. */
export interface LogLine {
  level: string;
  msg: string;
  [field: string]: unknown;
}

export interface DeskHarness {
  slack: FakeSlack;
  connector: FakeConnector;
  keys: KeyServer;
  store: Store;
  conversations: Conversations;
  logs: LogLine[];
  request(method: string, path: string, body?: unknown, auth?: string): Promise<Response>;
  /** A web chat customer: a started conversation, its token, and what they say. */
  customer(): Promise<{ id: string; say(text: string): Promise<void>; botTexts(): Promise<string[]> }>;
  /** POSTs a signed Events API body (extra headers such as X-Slack-Retry-Num). */
  slackEvent(body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** POSTs a signed interactivity payload. */
  slackClick(payload: unknown): Promise<Response>;
  /** POSTs an activity to /api/messages with a valid token for its serviceUrl. */
  teams(activity: Record<string, unknown>): Promise<Response>;
  /** Waits for background work, then runs the outbox until nothing due is left. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function startDeskHarness(settings: Record<string, string> = {}): Promise<DeskHarness> {
  const slack = await startFakeSlack();
  const keys = await startKeyServer();
  const connector = await startFakeConnector();
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    DIRECT_LINE_SECRET: SECRET,
    AGENT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: slack.apiUrl,
    SLACK_AGENTS_CHANNEL: AGENTS,
    MICROSOFT_APP_ID: APP_ID,
    MICROSOFT_APP_PASSWORD: 'not-used-by-the-fixed-token-credentials',
    BOT_OPENID_METADATA: keys.metadataUrl,
    TEAMS_AGENTS_CHANNEL: TEAMS_AGENTS,
    TEAMS_AGENTS_SERVICE_URL: connector.serviceUrl,
    ...settings,
  });
  const logs: LogLine[] = [];
  const write = (line: string) => void logs.push(JSON.parse(line) as LogLine);
  const log: Logger = createLogger('debug', write);
  const store = createMemoryStore();
  const teamsCredentials = await fixedTokenCredentials('desk-connector-token');
  const conversations = createConversations({ store, deps: createTurnDeps(config), ...configuredNames(config) });
  const directLine = createLogWriter({ store, conversations, now: Date.now });
  const senders = createChannelSenders(config, directLine, teamsCredentials);
  const outbox = createOutbox({ store, ...configuredDeliveries({ config, now: Date.now, store, senders, teamsCredentials }), now: Date.now, log });
  const pending: Promise<unknown>[] = [];
  const app = createApp({
    config, store, conversations, log, now: Date.now, directLine, senders, teamsCredentials,
    background: (work) => void pending.push(work),
  });

  const request = (method: string, path: string, body?: unknown, auth?: string) =>
    Promise.resolve(app.request(path, {
      method,
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    }));
  const settle = async () => {
    for (let round = 0; round < 20; round += 1) {
      while (pending.length > 0) await Promise.all(pending.splice(0));
      if ((await store.dueDeliveries(Date.now(), 1)).length === 0) return;
      await outbox.runDue();
    }
  };
  const signedPost = (path: string, body: string, contentType: string, headers: Record<string, string> = {}) =>
    Promise.resolve(app.request(path, {
      method: 'POST',
      headers: { 'content-type': contentType, ...slackHeaders(body, Math.floor(Date.now() / 1000)), ...headers },
      body,
    }));

  return {
    slack, connector, keys, store, conversations, logs, request, settle,
    async customer() {
      const generated = (await (await request('POST', '/v3/directline/tokens/generate', {}, SECRET)).json()) as { token: string };
      const started = (await (await request('POST', '/v3/directline/conversations', { user: {} }, generated.token)).json()) as { conversationId: string; token: string };
      await settle();
      const { conversationId: id, token } = started;
      return {
        id,
        async say(text) {
          const body = { type: 'message', text, from: { id: 'web-user', name: 'Pat' }, channelData: { clientActivityID: crypto.randomUUID() } };
          const response = await request('POST', `/v3/directline/conversations/${id}/activities`, body, token);
          if (response.status !== 200) throw new Error(`saying "${text}" answered ${response.status}`);
          await settle();
        },
        async botTexts() {
          const polled = (await (await request('GET', `/v3/directline/conversations/${id}/activities?watermark=`, undefined, token)).json()) as {
            activities: { from: { role?: string }; type: string; text?: string }[];
          };
          return polled.activities.filter((a) => a.from.role === 'bot' && a.type === 'message').map((a) => a.text ?? '');
        },
      };
    },
    slackEvent: (body, headers) => signedPost('/slack/events', JSON.stringify(body), 'application/json', headers),
    slackClick: (payload) =>
      signedPost('/slack/interactions', new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded'),
    async teams(activity) {
      const authorization = await keys.token({ serviceurl: String(activity.serviceUrl) });
      return Promise.resolve(app.request('/api/messages', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify(activity),
      }));
    },
    async close() {
      await slack.close();
      await keys.close();
      await connector.close();
    },
  };
}
