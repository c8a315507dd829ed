/**
 * The support page in real headless Chromium, with the official Web Chat bundle, against `npm start`'s server:
 * a whole 421 conversation, typed and clicked, with the progress line following channelData.softbounce.
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import flowsData from '../../src/generated/flows.json' with { type: 'json' };
import { loadFlowSet } from '../../src/flows/load.js';
import { startNodeServer, type RunningServer } from '../e2e/servers.js';

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOT = 'test-results/webchat.png';
const WAIT_MS = 30_000;

const flow = loadFlowSet(flowsData).flows.smtp_421!;
const ask = (stepId: string) => {
  const step = flow.steps.find((s) => s.id === stepId);
  if (step?.kind !== 'ask') throw new Error(`flow smtp_421 has no ask step ${stepId}`);
  return step;
};
const label = (stepId: string, choiceId: string) => ask(stepId).choices.find((c) => c.id === choiceId)!.label;
/** The start of a question finds it on screen; quotes match any character, as markdown curls them. */
const opening = (stepId: string) =>
  new RegExp(ask(stepId).question.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['"]/g, '.'));

let server: RunningServer;
let browser: Browser;
let page: Page;

async function botSays(text: string | RegExp): Promise<void> {
  await page.locator('.webchat__bubble:not(.webchat__bubble--from-user)', { hasText: text }).first().waitFor({ timeout: WAIT_MS });
}

async function progressIs(text: string): Promise<void> {
  await page.waitForFunction((want) => document.getElementById('progress')?.textContent === want, text, { timeout: WAIT_MS });
}

async function type(text: string): Promise<void> {
  await page.locator('[data-id="webchat-sendbox-input"]').fill(text);
  await page.keyboard.press('Enter');
}

async function click(stepId: string, choiceId: string): Promise<void> {
  await page.getByRole('button', { name: label(stepId, choiceId), exact: true }).last().click();
}

beforeAll(async () => {
  // No DIRECT_LINE_SECRET: the page must work with no configuration at all.
  server = await startNodeServer({ DIRECT_LINE_SECRET: '', LOG_LEVEL: 'info' });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
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
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));

    await page.goto(`${server.baseUrl}/`);
    await botSays(opening('confirm_error'));
    await progressIs('Step 1 of 6: Confirm the error');

    await type('My emails to gmail.com keep coming back with "421 4.7.0 Try again later"');
    await botSays('greylisting');
    await botSays(opening('wait_and_retry'));
    await progressIs('Step 2 of 6: Wait and retry');

    await click('wait_and_retry', 'over_four_hours');
    await botSays(opening('sending_volume'));
    await progressIs('Step 3 of 6: Reduce sending volume');

    await type('no, just normal sending');
    await botSays(opening('recipient_server'));
    await progressIs("Step 4 of 6: Check the recipient's server");

    await click('recipient_server', 'several');
    await botSays(opening('test_email'));
    await progressIs('Step 5 of 6: Send a simple test email');

    await click('test_email', 'fails');
    await botSays(opening('delivery_logs'));
    await progressIs('Step 6 of 6: Review the delivery log');

    await click('delivery_logs', 'deferred');
    await botSays('support team');
    await progressIs('Handed to our support team');

    const userBubbles = await page.locator('.webchat__bubble--from-user').allInnerTexts();
    expect(userBubbles.map((t) => t.trim())).toEqual([
      'My emails to gmail.com keep coming back with "421 4.7.0 Try again later"',
      label('wait_and_retry', 'over_four_hours'),
      'no, just normal sending',
      label('recipient_server', 'several'),
      label('test_email', 'fails'),
      label('delivery_logs', 'deferred'),
    ]);
    expect(await page.getByText('Send failed').count()).toBe(0);
    expect(errors).toEqual([]);

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
