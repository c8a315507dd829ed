/** The real app (memory store, the built engine) with Teams configured against local Bot Framework services. */
import { fixedTokenCredentials } from '../../../src/channels/teams/connector.js';
import { loadConfig } from '../../../src/config.js';
import { createConversations, type Conversations } from '../../../src/conversation/service.js';
import { createApp } from '../../../src/http/app.js';
import { createLogger } from '../../../src/log.js';
import { createTurnDeps } from '../../../src/runtime/engine.js';
import { createMemoryStore } from '../../../src/store/memory.js';
import type { Store } from '../../../src/store/types.js';
import { APP_ID, startFakeConnector, startKeyServer, type FakeConnector, type KeyServer } from './bot-framework-servers.js';

export const CONNECTOR_TOKEN = 'test-connector-token';

export interface TeamsHarness {
  keys: KeyServer;
  connector: FakeConnector;
  store: Store;
  conversations: Conversations;
  /** POSTs an activity to /api/messages with `authorization` (default: a valid token for its serviceUrl). */
  post(activity: unknown, authorization?: string | null): Promise<Response>;
  /** Waits for the work the app runs after its responses. */
  settle(): Promise<void>;
  /** A fresh app and store, and an empty call log, keeping the (slow to make) signing keys. */
  reset(): void;
  close(): Promise<void>;
}

export async function startTeamsHarness(settings: Record<string, string> = {}): Promise<TeamsHarness> {
  const keys = await startKeyServer();
  const connector = await startFakeConnector();
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    MICROSOFT_APP_ID: APP_ID,
    MICROSOFT_APP_PASSWORD: 'not-used-by-the-fixed-token-credentials',
    BOT_OPENID_METADATA: keys.metadataUrl,
    ...settings,
  });
  const pending: Promise<unknown>[] = [];
  const teamsCredentials = await fixedTokenCredentials(CONNECTOR_TOKEN);
  const build = () => {
    const store = createMemoryStore();
    const conversations = createConversations({ store, deps: createTurnDeps(config) });
    const app = createApp({
      config,
      store,
      conversations,
      log: createLogger('silent'),
      now: Date.now,
      background: (work) => void pending.push(work),
      teamsCredentials,
    });
    return { store, conversations, app };
  };
  let { app, store, conversations } = build();
  return {
    keys,
    connector,
    get store() {
      return store;
    },
    get conversations() {
      return conversations;
    },
    reset() {
      ({ app, store, conversations } = build());
      connector.calls.splice(0);
    },
    async post(activity, authorization) {
      const serviceUrl = (activity as { serviceUrl?: string }).serviceUrl ?? '';
      const auth = authorization === undefined ? await keys.token({ serviceurl: serviceUrl }) : authorization;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (auth !== null) headers.authorization = auth;
      const body = typeof activity === 'string' ? activity : JSON.stringify(activity);
      return app.request('/api/messages', { method: 'POST', headers, body });
    },
    async settle() {
      while (pending.length > 0) await Promise.all(pending.splice(0));
    },
    close: async () => {
      await keys.close();
      await connector.close();
    },
  };
}
