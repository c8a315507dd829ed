/**
 * Relays accepted with a 2xx survive `kill -9` of the Node server: a customer's message accepted while Slack is
 * down reaches the case thread once Slack and the server are back, and an agent's reply accepted just before the
 * crash reaches the web chat exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskClick, threadReply, threadTexts } from '../channels/slack/desk-payloads.js';
import { startFakeSlack, type FakeSlack } from '../channels/slack/slack-fakes.js';
import { startServer, type ServerProcess } from '../conversation/server-process.js';
import { DirectLineClient } from '../e2e/direct-line-client.js';
import { deskSettings, escalateFromWebChat, toSlackRoute } from '../e2e/desk-scenario.js';

const SECRET = 'desk-crash-direct-line-secret-0123456789';

describe('live handoff relays across kill -9 (Node)', () => {
  let slack: FakeSlack;
  let dataDir: string;
  let server: ServerProcess;
  const start = () => startServer({ DIRECT_LINE_SECRET: SECRET, DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '1000', ...deskSettings(slack) });

  beforeAll(async () => {
    slack = await startFakeSlack();
    dataDir = mkdtempSync(join(tmpdir(), 'softbounce-desk-crash-'));
    server = await start();
  }, 60_000);
  afterAll(async () => {
    await server?.crash();
    await slack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers both directions after a crash, each once', async () => {
    const { conversation, caseTs } = await escalateFromWebChat(server.url, SECRET, slack);
    expect(await toSlackRoute(server.url, 'interactions', deskClick('take', 'U0ANA', caseTs))).toBe(200);
    await slack.waitUntil((calls) => threadTexts(calls, caseTs).some((t) => t.includes('Ana took the case')));

    // Slack is down: the customer's message is accepted and queued, then the server dies before Slack is back.
    slack.setDown(true);
    await new DirectLineClient(server.url, SECRET).say(conversation, 'are you still there?');
    await server.crash();
    slack.setDown(false);
    server = await start();
    const calls = await slack.waitUntil((seen) => threadTexts(seen, caseTs).some((t) => t.includes('are you still there?')), 30_000);
    expect(threadTexts(calls, caseTs).filter((t) => t.includes('are you still there?'))).toHaveLength(1);

    // The agent's reply is acknowledged, and the server is killed at once.
    expect(await toSlackRoute(server.url, 'events', threadReply('U0ANA', 'Yes, still here: checking the logs.', caseTs))).toBe(200);
    await server.crash();
    server = await start();
    const client = new DirectLineClient(server.url, SECRET);
    await client.pollUntil(conversation, (seen) => seen.some((a) => a.text === 'Ana: Yes, still here: checking the logs.'), 30_000);
    // A second round of the outbox (its timer) must not append it again.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const { body } = await client.activities(conversation);
    expect(body.activities.filter((a) => a.text === 'Ana: Yes, still here: checking the logs.')).toHaveLength(1);
  }, 120_000);
});
