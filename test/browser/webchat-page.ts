/**
 * Driving the official Web Chat in a real headless Chromium: launch, read and type as a customer does, and
 * record what arrives over Direct Line (stream messages, polls) to check that nothing is lost or doubled.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import flowsData from '../../src/generated/flows.json' with { type: 'json' };
import { loadFlowSet } from '../../src/flows/load.js';

const CHROMIUM_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

/** How long one expected reply may take (a stream reconnect after a crash takes up to ~35 s: see the README). */
export const WAIT_MS = 30_000;

/** Debian's Chromium, installed by scripts/setup-test.sh. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });
}

const flow = loadFlowSet(flowsData).flows.smtp_421!;
function ask(stepId: string) {
  const step = flow.steps.find((s) => s.id === stepId);
  if (step?.kind !== 'ask') throw new Error(`flow smtp_421 has no ask step ${stepId}`);
  return step;
}

/** The label of a choice, as its button shows it. */
export const label = (stepId: string, choiceId: string) => ask(stepId).choices.find((c) => c.id === choiceId)!.label;

/** The start of a question finds it on screen; quotes match any character, as markdown curls them. */
export const opening = (stepId: string) =>
  new RegExp(ask(stepId).question.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['"]/g, '.'));

/** The welcome, the first thing the bot says in a new conversation. */
export const WELCOME = /I help when your email is delayed or bounced/;

/** Waits until a bot bubble shows `text`. */
export async function botSays(page: Page, text: string | RegExp, timeout = WAIT_MS): Promise<void> {
  await page.locator('.webchat__bubble:not(.webchat__bubble--from-user)', { hasText: text }).first().waitFor({ timeout });
}

/** Types into the send box and sends. */
export async function type(page: Page, text: string): Promise<void> {
  await page.locator('[data-id="webchat-sendbox-input"]').fill(text);
  await page.keyboard.press('Enter');
}

/** Clicks the choice button of an ask step. */
export async function click(page: Page, stepId: string, choiceId: string): Promise<void> {
  await page.getByRole('button', { name: label(stepId, choiceId), exact: true }).last().click();
}

/** The user's bubbles, as shown. */
export async function userBubbles(page: Page): Promise<string[]> {
  return (await page.locator('.webchat__bubble--from-user').allInnerTexts()).map((t) => t.trim());
}

/** What one page received over Direct Line, and any script error it logged. */
export interface Traffic {
  /** Every stream address the page opened, in order. */
  streams: string[];
  /** Ids of the activities that arrived over streams, in order, repeats included. */
  streamedIds: string[];
  /** Empty keep-alive messages received. */
  keepAlives: number;
  /** `GET .../activities` polls sent. */
  polls: number;
  errors: string[];
}

/** Starts recording `page`'s Direct Line traffic; the returned object fills in as the page runs. */
export function recordTraffic(page: Page): Traffic {
  const traffic: Traffic = { streams: [], streamedIds: [], keepAlives: 0, polls: 0, errors: [] };
  page.on('websocket', (socket) => {
    traffic.streams.push(socket.url());
    socket.on('framereceived', ({ payload }) => {
      const text = payload.toString();
      if (text === '') traffic.keepAlives += 1;
      else for (const activity of (JSON.parse(text) as { activities: { id: string }[] }).activities) traffic.streamedIds.push(activity.id);
    });
  });
  page.on('request', (request) => {
    if (request.method() === 'GET' && /\/activities(\?|$)/.test(request.url())) traffic.polls += 1;
  });
  page.on('pageerror', (error) => traffic.errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && traffic.errors.push(message.text()));
  return traffic;
}

/** The conversation id in a stream address. */
export function conversationOf(streamUrl: string): string {
  const id = /\/conversations\/([^/]+)\/stream/.exec(streamUrl)?.[1];
  if (!id) throw new Error(`not a stream address: ${streamUrl}`);
  return id;
}

/** What the customer types and clicks in `walkToEscalation`, as their bubbles show it. */
export const ESCALATION_WORDS = [
  'My emails to gmail.com keep coming back with "421 4.7.0 Try again later"',
  label('wait_and_retry', 'over_four_hours'),
  'no, just normal sending',
  label('recipient_server', 'several'),
  label('test_email', 'fails'),
  label('delivery_logs', 'deferred'),
];

/**
 * A whole 421 conversation from the welcome to the hand-over, typed and clicked; `atStep` is told each check's
 * number as its question shows (the support page checks its progress line there).
 */
export async function walkToEscalation(page: Page, atStep: (step: number) => Promise<void> = async () => undefined): Promise<void> {
  const [problem, , volume] = ESCALATION_WORDS;
  await type(page, problem!);
  await botSays(page, 'greylisting');
  await botSays(page, opening('wait_and_retry'));
  await atStep(2);
  await click(page, 'wait_and_retry', 'over_four_hours');
  await botSays(page, opening('sending_volume'));
  await atStep(3);
  await type(page, volume!);
  await botSays(page, opening('recipient_server'));
  await atStep(4);
  await click(page, 'recipient_server', 'several');
  await botSays(page, opening('test_email'));
  await atStep(5);
  await click(page, 'test_email', 'fails');
  await botSays(page, opening('delivery_logs'));
  await atStep(6);
  await click(page, 'delivery_logs', 'deferred');
  await botSays(page, 'support team');
}
