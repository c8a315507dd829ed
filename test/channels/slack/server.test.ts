/** The real servers (Node, and the Worker under `wrangler dev`) as child processes, against the local fake Slack API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer, startWranglerDev, type RunningServer } from '../../e2e/servers.js';
import { BOT_TOKEN, SIGNING_SECRET, slackFixture, slackHeaders, startFakeSlack, type FakeSlack } from './slack-fakes.js';

describe.each([
  ['Node', startNodeServer],
  ['Workers', startWranglerDev],
])('Slack on %s', (_runtime, start) => {
  let slack: FakeSlack;
  let server: RunningServer;
  beforeAll(async () => {
    slack = await startFakeSlack();
    server = await start({ LOG_LEVEL: 'warn', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: slack.apiUrl });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await slack?.close();
  });

  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${server.baseUrl}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('refuses a forged request and answers a signed mention in its thread after acknowledging', async () => {
    const body = JSON.stringify(slackFixture('app-mention-channel'));
    const now = Math.floor(Date.now() / 1000);
    expect((await post(body, slackHeaders(body, now, 'forged-secret'))).status).toBe(401);

    const response = await post(body, slackHeaders(body, now));
    expect(response.status).toBe(200);
    const [reply] = await slack.waitForCalls(1);
    expect(reply).toMatchObject({
      method: 'chat.postMessage',
      authorization: `Bearer ${BOT_TOKEN}`,
      body: { channel: 'C06SUPPORT', thread_ts: '1764494441.208309' },
    });
  });
});
