/**
 * The same end-to-end HTTP scenario against both runtimes, each started for real as a child process:
 * the Node server (`tsx src/runtime/node.ts`) and the Worker (`wrangler dev`, state in Durable Objects).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { postFiftyAtOnce, refuseBadRequests, surviveRestart, walkThroughDeferredMail } from './scenario.js';
import { startNodeServer, startWranglerDev, type RunningServer } from './servers.js';

const SECRET = 'e2e-direct-line-secret-0123456789';
const AGENT_TOKEN = 'e2e-agent-token-0123456789';
const SETTINGS = { DIRECT_LINE_SECRET: SECRET, AGENT_TOKEN, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000' };

describe.each([
  { runtime: 'Node', start: startNodeServer },
  { runtime: 'Workers (wrangler dev)', start: startWranglerDev },
])('end to end on $runtime', ({ start }) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await start(SETTINGS);
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('walks a customer through a deferred mail over Direct Line', () => walkThroughDeferredMail(server.baseUrl, SECRET), 60_000);
  it('refuses bad credentials and malformed bodies with clear errors', () => refuseBadRequests(server.baseUrl, SECRET));
  it('records 50 concurrent messages to one conversation, in order', () => postFiftyAtOnce(server.baseUrl, SECRET, AGENT_TOKEN), 120_000);
  it('keeps a conversation across a restart of the server', async () => {
    server = await surviveRestart(server, SECRET);
  }, 180_000);
});
