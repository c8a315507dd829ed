/**
 * The support page in real headless Chromium, with the official Web Chat bundle, against `npm start`'s server
 * with no configuration: the welcome, then a whole 421 conversation typed and clicked over the WebSocket
 * stream, with the progress line following channelData.softbounce, and the same transcript after a reload.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer, type RunningServer } from '../e2e/servers.js';
import {
  botSays, ESCALATION_WORDS, launchChromium, recordTraffic, userBubbles, WAIT_MS, walkToEscalation, WELCOME, type Traffic,
} from './webchat-page.js';

const SCREENSHOT = 'test-results/webchat.png';
const STEP_TITLES: Record<number, string> = {
  2: 'Wait and retry',
  3: 'Reduce sending volume',
  4: "Check the recipient's server",
  5: 'Send a simple test email',
  6: 'Review the delivery log',
};

let server: RunningServer;
let browser: Browser;
let page: Page;
let traffic: Traffic;

async function progressIs(text: string): Promise<void> {
  await page.waitForFunction((want) => document.getElementById('progress')?.textContent === want, text, { timeout: WAIT_MS });
}

beforeAll(async () => {
  // No DIRECT_LINE_SECRET: the page must work with no configuration at all.
  server = await startNodeServer({ DIRECT_LINE_SECRET: '', LOG_LEVEL: 'info' });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  traffic = recordTraffic(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('support page with Web Chat', () => {
  it('makes a random secret when none is set, and says so', () => {
    expect(server.output()).toContain('DIRECT_LINE_SECRET is not set');
  });

  it('runs a whole 421 conversation by typing and clicking, with the progress line following along', async () => {
    await page.goto(`${server.baseUrl}/`);
    await botSays(page, WELCOME);
    // The welcome opens no check yet, so the progress line stays empty.
    await progressIs('');

    await walkToEscalation(page, (step) => progressIs(`Step ${step} of 6: ${STEP_TITLES[step]}`));
    await progressIs('Handed to our support team');

    expect(await userBubbles(page)).toEqual(ESCALATION_WORDS);
    expect(await page.getByText('Send failed').count()).toBe(0);
    expect(traffic.streams).toHaveLength(1);
    expect(traffic.polls).toBe(0);
    expect(traffic.errors).toEqual([]);

    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
  });

  it('keeps the conversation across a reload: same transcript, same progress, no new greeting', async () => {
    const before = await page.locator('.webchat__bubble').allInnerTexts();
    await page.reload();
    await page.locator('.webchat__bubble').nth(before.length - 1).waitFor({ timeout: WAIT_MS });
    await progressIs('Handed to our support team');
    expect(await page.locator('.webchat__bubble').allInnerTexts()).toEqual(before);
  });
});
