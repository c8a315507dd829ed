/**
 * The agents' analytics page in real headless Chromium, against the real app on 127.0.0.1 whose store holds
 * 150 scripted conversations run through the real engine. Takes a screenshot to test-results/analytics.png.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsReport } from '../../src/analytics/types.js';
import { loadConfig } from '../../src/config.js';
import { createConversations } from '../../src/conversation/service.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/log.js';
import { createTurnDeps } from '../../src/runtime/engine.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { runSampleConversations } from '../../scripts/report-sample.js';

const CHROMIUM_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];
const SCREENSHOT = 'test-results/analytics.png';
const AGENT_TOKEN = 'agent-token-0123456789abcdef';
const TO = Date.UTC(2026, 10, 30);
const FROM = TO - 7 * 86_400_000;
const QUERY = '?from=2026-11-23&to=2026-11-30';

let server: ServerType;
let baseUrl: string;
let browser: Browser;
let page: Page;
let expected: AnalyticsReport;
const errors: string[] = [];

beforeAll(async () => {
  const config = loadConfig({ AGENT_TOKEN, LOG_LEVEL: 'silent' });
  const store = createMemoryStore();
  await runSampleConversations(store, config, { count: 150, to: TO, days: 7, seed: 7 });
  const app = createApp({
    config, store, log: createLogger('silent'), now: () => TO, background: () => undefined,
    conversations: createConversations({ store, deps: createTurnDeps(config, () => TO) }),
  });
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  expected = (await (await fetch(`${baseUrl}/api/agents/analytics${QUERY}`, { headers: { authorization: `Bearer ${AGENT_TOKEN}` } })).json()) as AnalyticsReport;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });
  page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

describe('analytics page', () => {
  it('says what is wrong when the token is not valid', async () => {
    await page.goto(`${baseUrl}/agents/analytics${QUERY}`);
    await page.fill('input[name="token"]', 'not-the-agent-token-at-all');
    await page.click('button[type="submit"]');
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.includes('not valid'));
    expect(await page.locator('#report').innerHTML()).toBe('');
  });

  it('shows the period\'s report with charts once the agent types the token', async () => {
    expect(expected.started + expected.unrelated).toBe(150);
    expect(expected.unrelated).toBeGreaterThan(0);
    // The 401 of the previous test is logged by the browser as a failed load; only this test's errors count.
    errors.length = 0;
    await page.fill('input[name="token"]', AGENT_TOKEN);
    await page.click('button[type="submit"]');
    await page.waitForSelector('body[data-loaded="true"]');

    const tiles = await page.locator('.tile .value').allTextContents();
    expect(tiles[0]).toBe(String(expected.started));
    expect(tiles[1]).toBe(String(expected.unrelated));
    expect(tiles[2]).toBe(`${(expected.outcomes.resolved.share * 100).toFixed(1)}%`);
    expect(await page.locator('svg.funnel text.label').allTextContents()).toEqual(expected.funnel.map((f) => `${f.number}. ${f.title}`));
    expect(await page.locator('svg[aria-label="Outcomes"] rect').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('svg.handoff text.num').first().textContent()).toBe(`${expected.handoff.queued} (${expected.handoff.queued ? '100.0' : '0.0'}%)`);
    expect(await page.locator('svg[aria-label="Top reply codes"] text.label').first().textContent()).toBe(expected.replyCodes[0]!.value);
    expect(await page.locator('section', { hasText: 'examples to add to intents/' }).locator('tbody tr').count()).toBe(expected.matcher.examples.length);
    expect(errors).toEqual([]);

    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('remembers the token in the tab and shows the report again on reload', async () => {
    await page.reload();
    await page.waitForSelector('body[data-loaded="true"]');
    expect(await page.locator('.tile .value').first().textContent()).toBe(String(expected.started));
  });
});
