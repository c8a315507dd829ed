/**
 * Web Chat as sites embed it, against `npm start`: the README's snippet on another origin, with Direct Line's
 * default options, so the official client opens the WebSocket stream at `streamUrl` and never polls. It walks a
 * whole 421 conversation, gets a check-back and an agent's message without typing, and survives `kill -9` of
 * the server: after the restart it reconnects, and the transcript has every activity once.
 */
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNpmStart, type NpmStartServer } from './npm-start.js';
import { startSite, type Site } from './site.js';
import {
  botSays, click, conversationOf, ESCALATION_WORDS, launchChromium, opening, recordTraffic, type, userBubbles, WAIT_MS,
  walkToEscalation, WELCOME, type Traffic,
} from './webchat-page.js';

const SECRET = 'embed-node-direct-line-secret-0123456789';
const AGENT_TOKEN = 'embed-node-agent-token-0123456789';
/** Web Chat waits 3-15 s before reconnecting, and 20 s between tries while the server is down. */
const RECONNECT_MS = 75_000;

let site: Site;
let server: NpmStartServer;
let browser: Browser;

beforeAll(async () => {
  site = await startSite(SECRET);
  server = await startNpmStart({ DIRECT_LINE_SECRET: SECRET, AGENT_TOKEN, CORS_ORIGINS: site.origin, LOG_LEVEL: 'warn' });
  site.embed(server.baseUrl);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await site?.close();
});

async function openSite(): Promise<{ page: Page; traffic: Traffic }> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  const traffic = recordTraffic(page);
  await page.goto(`${site.origin}/`);
  await botSays(page, WELCOME);
  return { page, traffic };
}

async function agentCall(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${server.baseUrl}/api/agents${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${AGENT_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** The conversation's whole log, read with the secret. */
async function logOf(conversationId: string): Promise<{ id: string; type: string; text?: string }[]> {
  const response = await fetch(`${server.baseUrl}/v3/directline/conversations/${conversationId}/activities?watermark=`, {
    headers: { authorization: `Bearer ${SECRET}` },
  });
  return ((await response.json()) as { activities: { id: string; type: string; text?: string }[] }).activities;
}

describe('Web Chat embedded with default options, on npm start', () => {
  it('walks a whole 421 conversation over the WebSocket stream, without polling', async () => {
    const { page, traffic } = await openSite();
    await walkToEscalation(page);
    expect(await userBubbles(page)).toEqual(ESCALATION_WORDS);
    expect(await page.getByText('Send failed').count()).toBe(0);
    expect(traffic.streams).toHaveLength(1);
    expect(traffic.polls).toBe(0);
    expect(traffic.errors).toEqual([]);
    await page.close();
  });

  describe('one conversation left open', () => {
    let page: Page;
    let traffic: Traffic;
    let conversationId: string;

    it('shows a check-back and an agent message that arrive without the user typing', async () => {
      ({ page, traffic } = await openSite());
      conversationId = conversationOf(traffic.streams[0]!);
      await type(page, 'my mail to web.de is deferred with 421 4.4.2 connection dropped');
      await botSays(page, opening('wait_and_retry'));
      await click(page, 'wait_and_retry', 'just_now');
      await botSays(page, 'check back');

      // Fifteen minutes pass: the check-back falls due, and the server's scheduler (every 10 s) sends it.
      const db = new Database(server.databaseFile);
      expect(db.prepare('UPDATE followups SET due_at = ? WHERE conversation_id = ?').run(Date.now(), conversationId).changes).toBe(1);
      db.close();
      await botSays(page, opening('retry_check'));

      await agentCall('/takeover', { conversationId, agent: 'Sam' });
      await agentCall(`/conversations/${conversationId}/messages`, { text: 'Hello, Sam from support here.', agent: 'Sam' });
      await botSays(page, 'Sam from support here');
      expect(traffic.polls).toBe(0);
    }, 60_000);

    it('reconnects after kill -9 and a restart, and shows every activity once', async () => {
      await server.kill9();
      await server.start();
      // Written while Web Chat is still disconnected: it must come in when the stream resumes from its watermark.
      await agentCall(`/conversations/${conversationId}/messages`, { text: 'Still here after the restart.', agent: 'Sam' });
      await botSays(page, 'Still here after the restart', RECONNECT_MS);
      await type(page, 'thanks, I will wait');
      await page.locator('.webchat__bubble--from-user', { hasText: 'thanks, I will wait' }).waitFor({ timeout: WAIT_MS });

      // The echo and the replies to it are one commit: once the echo is in the log, the whole turn is.
      await expect.poll(async () => (await logOf(conversationId)).some((a) => a.text === 'thanks, I will wait'), { timeout: WAIT_MS }).toBe(true);
      const log = await logOf(conversationId);
      await expect.poll(() => traffic.streamedIds.length, { timeout: WAIT_MS }).toBeGreaterThanOrEqual(log.length);
      expect(traffic.streamedIds).toEqual(log.map((a) => a.id));
      expect(traffic.streams.length).toBeGreaterThanOrEqual(2);
      const messages = log.filter((a) => a.type === 'message').length;
      await expect.poll(() => page.locator('.webchat__bubble').count(), { timeout: WAIT_MS }).toBe(messages);
      expect(await page.getByText('Send failed').count()).toBe(0);
      expect(traffic.polls).toBe(0);
      await page.close();
    }, RECONNECT_MS + 60_000);
  });
});
