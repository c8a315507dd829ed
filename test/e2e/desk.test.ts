/**
 * The live handoff through the Slack agents' channel on both runtimes, each started for real as a child
 * process: the Node server and the Worker on `wrangler dev`, both talking to the local fake Slack Web API.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../channels/slack/slack-fakes.js';
import { deskSettings, liveHandoffThroughSlack } from './desk-scenario.js';
import { startNodeServer, startWranglerDev, type RunningServer } from './servers.js';

const SECRET = 'e2e-desk-direct-line-secret-0123456789';

describe.each([
  { runtime: 'Node', start: startNodeServer },
  { runtime: 'Workers (wrangler dev)', start: startWranglerDev },
])('live handoff in Slack on $runtime', ({ start }) => {
  let slack: FakeSlack;
  let server: RunningServer;
  beforeAll(async () => {
    slack = await startFakeSlack();
    server = await start({ DIRECT_LINE_SECRET: SECRET, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000', ...deskSettings(slack) });
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await slack?.close();
  });

  it('escalate from web chat, take in Slack, two messages each way, hand back at check 5, the flow resumes there', () =>
    liveHandoffThroughSlack(server.baseUrl, SECRET, slack), 120_000);
});
