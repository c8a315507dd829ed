/** The real app (memory store, the built engine) with Slack configured against a local fake Web API. */
import { loadConfig } from '../../../src/config.js';
import { createConversations, type Conversations } from '../../../src/conversation/service.js';
import { createApp } from '../../../src/http/app.js';
import { createLogger } from '../../../src/log.js';
import { createTurnDeps } from '../../../src/runtime/engine.js';
import { createMemoryStore } from '../../../src/store/memory.js';
import { BOT_TOKEN, SIGNING_SECRET, slackHeaders, startFakeSlack, type FakeSlack } from './slack-fakes.js';

export interface SlackHarness {
  slack: FakeSlack;
  conversations: Conversations;
  /** The app's clock in Unix seconds (signatures are checked against it). */
  nowSeconds(): number;
  advance(seconds: number): void;
  /** POSTs an Events API body, signed now unless `headers` are given. */
  event(body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** POSTs an interactivity payload as Slack does (form field `payload`), signed now unless `headers` are given. */
  interaction(payload: unknown, headers?: Record<string, string>): Promise<Response>;
  settle(): Promise<void>;
  /** A fresh app and store, and an empty call log. */
  reset(): void;
  close(): Promise<void>;
}

export async function startSlackHarness(settings: Record<string, string> = {}): Promise<SlackHarness> {
  const slack = await startFakeSlack();
  let clock = Date.parse('2026-11-30T09:20:45Z');
  const now = () => clock;
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: slack.apiUrl,
    ...settings,
  });
  const pending: Promise<unknown>[] = [];
  const build = () => {
    const store = createMemoryStore();
    const conversations = createConversations({ store, deps: createTurnDeps(config, now) });
    const app = createApp({ config, store, conversations, log: createLogger('silent'), now, background: (work) => void pending.push(work) });
    return { app, conversations };
  };
  let { app, conversations } = build();
  const send = (path: string, body: string, contentType: string, headers?: Record<string, string>) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': contentType, ...(headers ?? slackHeaders(body, Math.floor(clock / 1000))) },
      body,
    });
  return {
    slack,
    get conversations() {
      return conversations;
    },
    nowSeconds: () => Math.floor(clock / 1000),
    advance: (seconds) => void (clock += seconds * 1000),
    event: async (body, headers) => send('/slack/events', typeof body === 'string' ? body : JSON.stringify(body), 'application/json', headers),
    interaction: async (payload, headers) =>
      send('/slack/interactions', new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', headers),
    async settle() {
      while (pending.length > 0) await Promise.all(pending.splice(0));
    },
    reset() {
      ({ app, conversations } = build());
      slack.calls.splice(0);
    },
    close: () => slack.close(),
  };
}
