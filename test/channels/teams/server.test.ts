/**
 * The real servers (Node, and the Worker under `wrangler dev`, where botframework-connector runs from its Node
 * build) as child processes, with the production credentials path: inbound authentication runs against the local
 * key server exactly as in production. Replies need Entra ID tokens, which no local server can issue; the
 * in-process tests cover them with injected credentials.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer, startWranglerDev, type RunningServer } from '../../e2e/servers.js';
import { APP_ID, startKeyServer, type KeyServer } from './bot-framework-servers.js';
import { teamsFixture } from './fixtures.js';

describe.each([
  ['Node', startNodeServer],
  ['Workers', startWranglerDev],
])('Teams on %s', (_runtime, start) => {
  let keys: KeyServer;
  let server: RunningServer;
  beforeAll(async () => {
    keys = await startKeyServer();
    server = await start({ LOG_LEVEL: 'warn', MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'unused-secret', BOT_OPENID_METADATA: keys.metadataUrl });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await keys?.close();
  });

  it('accepts a correctly signed activity and refuses forged, expired and misaddressed ones', async () => {
    // A group chat message without a mention: authenticated, then deliberately left unanswered.
    const activity = teamsFixture('group-chat-no-mention');
    const send = async (authorization: string) =>
      (await fetch(`${server.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify(activity),
      })).status;
    expect(await send(await keys.token({ serviceurl: activity.serviceUrl }))).toBe(200);
    expect(await send(await keys.token({ serviceurl: activity.serviceUrl, key: await keys.otherKey() }))).toBe(401);
    expect(await send(await keys.token({ serviceurl: activity.serviceUrl, expiresIn: -3600 }))).toBe(401);
    expect(await send(await keys.token({ serviceurl: activity.serviceUrl, aud: 'another-bot' }))).toBe(401);
  });
});
