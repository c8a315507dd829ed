/**
 * Web Chat as sites embed it, against the Worker on `wrangler dev`: the README's snippet with Direct Line's
 * default options, the stream held by the conversation's Durable Object. A whole 421 conversation over the
 * stream, then an agent's message that arrives without the user typing.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWranglerDev, type RunningServer } from '../e2e/servers.js';
import { startSite, type Site } from './site.js';
import {
  botSays, conversationOf, ESCALATION_WORDS, launchChromium, recordTraffic, userBubbles, walkToEscalation, WELCOME,
} from './webchat-page.js';

const SECRET = 'embed-workers-direct-line-secret-0123456789';
const AGENT_TOKEN = 'embed-workers-agent-token-0123456789';

let site: Site;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  site = await startSite(SECRET);
  server = await startWranglerDev({ DIRECT_LINE_SECRET: SECRET, AGENT_TOKEN, CORS_ORIGINS: site.origin, LOG_LEVEL: 'warn' });
  site.embed(server.baseUrl);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await site?.close();
});

describe('Web Chat embedded with default options, on wrangler dev', () => {
  it('walks a whole 421 conversation over the stream, then shows an agent message nobody typed', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    const traffic = recordTraffic(page);
    await page.goto(`${site.origin}/`);
    await botSays(page, WELCOME);
    await walkToEscalation(page);
    expect(await userBubbles(page)).toEqual(ESCALATION_WORDS);

    const conversationId = conversationOf(traffic.streams[0]!);
    for (const [path, body] of [
      ['/takeover', { conversationId, agent: 'Sam' }],
      [`/conversations/${conversationId}/messages`, { text: 'Hello, Sam from support here.', agent: 'Sam' }],
    ] as const) {
      const response = await fetch(`${server.baseUrl}/api/agents${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${AGENT_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status, await response.clone().text()).toBe(200);
    }
    await botSays(page, 'Sam from support here');

    expect(await page.getByText('Send failed').count()).toBe(0);
    expect(traffic.streams).toHaveLength(1);
    expect(traffic.polls).toBe(0);
    expect(traffic.errors).toEqual([]);
    expect(new Set(traffic.streamedIds).size).toBe(traffic.streamedIds.length);
  });
});
