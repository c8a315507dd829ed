/**
 * Restart safety on Node: a conversation held partway survives `kill -9` of the server and continues at the
 * same step with its whole transcript, exactly as a conversation that never saw a restart does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from './server-process.js';

const SECRET = 'restart-test-secret-0123456789abcdef';

interface Activity {
  id: string;
  type: string;
  text?: string;
  from: { id: string; role?: string };
  suggestedActions?: { actions: { title: string; value: string }[] };
  channelData?: { softbounce?: { stepId: string; stepNumber: number; status: string } };
}

class DirectLineClient {
  constructor(
    private readonly server: ServerProcess,
    readonly conversationId: string,
    private readonly token: string,
  ) {}

  static async open(server: ServerProcess): Promise<DirectLineClient> {
    const response = await fetch(`${server.url}/v3/directline/conversations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET}` },
    });
    expect(response.status, server.output()).toBe(201);
    const body = (await response.json()) as { conversationId: string; token: string };
    return new DirectLineClient(server, body.conversationId, body.token);
  }

  on(server: ServerProcess): DirectLineClient {
    return new DirectLineClient(server, this.conversationId, this.token);
  }

  async say(text: string): Promise<void> {
    const response = await fetch(`${this.server.url}/v3/directline/conversations/${this.conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', from: { id: 'u1' }, text }),
    });
    expect(response.status, `${await response.clone().text()}\n${this.server.output()}`).toBe(200);
  }

  async activities(): Promise<Activity[]> {
    const response = await fetch(`${this.server.url}/v3/directline/conversations/${this.conversationId}/activities?watermark=`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { activities: Activity[] }).activities;
  }

  /** The bot's latest message, once the greeting (written after the create response) is in the log. */
  async lastBotMessage(): Promise<Activity> {
    for (let tries = 0; tries < 100; tries += 1) {
      const bot = (await this.activities()).filter((a) => a.from.role === 'bot');
      if (bot.length > 0) return bot[bot.length - 1] as Activity;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the bot never greeted in ${this.conversationId}:\n${this.server.output()}`);
  }

  /** Clicks a button of the bot's latest question, as Web Chat sends it (the button's value as text). */
  async click(index: number): Promise<string> {
    const button = (await this.lastBotMessage()).suggestedActions?.actions[index];
    if (!button) throw new Error(`the latest bot message offers no button ${index}`);
    await this.say(button.value);
    return button.value;
  }
}

const stepOf = async (client: DirectLineClient) => (await client.lastBotMessage()).channelData?.softbounce?.stepId;

/** The error, then "1 to 4 hours" for the wait: partway into the checks, at a question. */
async function holdPartway(client: DirectLineClient): Promise<string[]> {
  await client.lastBotMessage();
  await client.say('My emails to Gmail keep coming back with "421 4.3.2 Server busy, try again later"');
  const steps = [(await stepOf(client)) ?? ''];
  await client.click(2);
  steps.push((await stepOf(client)) ?? '');
  return steps;
}

describe('restart safety (real server, SQLite, kill -9)', () => {
  let dataDir: string;
  const servers: ServerProcess[] = [];
  const start = async () => {
    const server = await startServer({ DATA_DIR: dataDir, DIRECT_LINE_SECRET: SECRET });
    servers.push(server);
    return server;
  };

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'softbounce-restart-'));
  });
  afterAll(async () => {
    for (const server of servers) await server.crash();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('continues a conversation at the same step with its whole transcript after kill -9', { timeout: 90_000 }, async () => {
    const first = await start();
    const held = await DirectLineClient.open(first);
    const stepsBefore = await holdPartway(held);
    const before = await held.activities();
    const position = (await held.lastBotMessage()).channelData?.softbounce;
    expect(position?.status).toBe('active');
    expect(position?.stepId).toBe(stepsBefore[1]);
    expect(position?.stepNumber).toBeGreaterThan(1);
    expect(stepsBefore[0]).not.toBe(stepsBefore[1]);
    expect(before.filter((a) => a.from.role !== 'bot').map((a) => a.text)).toHaveLength(2);

    await first.crash();
    const second = await start();
    const resumed = held.on(second);

    expect(await resumed.activities()).toEqual(before);
    expect(await stepOf(resumed)).toBe(stepsBefore[1]);
    const clicked = await resumed.click(0);
    const after = await resumed.activities();
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).find((a) => a.from.role !== 'bot')?.text).toBe(clicked);
    expect(await stepOf(resumed)).not.toBe(stepsBefore[1]);

    // A conversation that never saw a restart, given the same words, walks the same steps.
    const control = await DirectLineClient.open(second);
    expect(await holdPartway(control)).toEqual(stepsBefore);
    await control.click(0);
    expect(await stepOf(resumed)).toBe(await stepOf(control));
    expect((await resumed.activities()).map((a) => a.text)).toEqual((await control.activities()).map((a) => a.text));
  });
});
