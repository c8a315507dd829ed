import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { CaseSummary } from '../../src/core/types.js';
import { casePacketSchema } from '../../src/handoff/case-packet.js';
import { backoffDelay, createOutbox } from '../../src/handoff/outbox.js';
import { slackCaseTarget } from '../../src/channels/slack/desk-post.js';
import { createSlackApi } from '../../src/channels/slack/api.js';
import { webhookTarget } from '../../src/handoff/targets.js';
import { createLogger } from '../../src/log.js';
import { createMemoryStore } from '../../src/store/memory.js';
import type { ConversationRef } from '../../src/store/types.js';
import { BOT_TOKEN, startFakeSlack, type FakeSlack } from '../channels/slack/slack-fakes.js';

const SECRET = 'helpdesk-shared-secret';
const T0 = Date.parse('2026-11-30T10:00:00Z');

const summary: CaseSummary = {
  reason: 'persistent',
  summary: 'Mail to gmail.com deferred with 421 4.7.0 for 5 hours after all six checks.',
  flowId: 'smtp_421',
  stepId: 'delivery_logs',
  replyCode: '421',
  enhancedStatus: '4.7.0',
  variation: 'policy',
  recipientDomain: 'gmail.com',
  answers: [{ stepId: 'wait_and_retry', value: 300, text: 'about 5 hours', at: T0 - 60_000 }],
  startedAt: T0 - 600_000,
  problemSince: T0 - 5 * 3_600_000,
  escalatedAt: T0,
  transcript: [{ from: 'user', text: 'my mail to gmail keeps failing with 421', at: T0 - 600_000 }],
};
const ref: ConversationRef = { channel: 'slack', conversationId: 'C042', threadTs: '1764494400.000100', userId: 'U1' };

interface Received {
  body: string;
  headers: IncomingMessage['headers'];
}

/** A helpdesk webhook on loopback that is down for the first `failures` calls. */
async function startHelpdesk(failures: number): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  let calls = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      calls += 1;
      if (calls <= failures) {
        res.statusCode = 503;
        res.end('maintenance');
        return;
      }
      received.push({ body, headers: req.headers });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cases`, received, server };
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close();
});

describe('handoff outbox', () => {
  it('keeps a case while the helpdesk is down and delivers it, signed, once it is back', async () => {
    const helpdesk = await startHelpdesk(2);
    cleanup.push(() => new Promise((resolve) => helpdesk.server.close(() => resolve())));
    let clock = T0;
    const store = createMemoryStore();
    await store.enqueueDelivery({ id: 'd1', conversationId: 'conv-1', target: 'webhook', payload: { ref, case: summary }, attempts: 0, nextAt: T0 });
    const outbox = createOutbox({
      store,
      targets: { webhook: webhookTarget(helpdesk.url, SECRET, () => clock) },
      now: () => clock,
      log: createLogger('silent'),
      baseDelayMs: 1_000,
    });

    expect(await outbox.runDue()).toBe(0);
    expect(await outbox.runDue()).toBe(0);
    clock += 1_000;
    expect(await outbox.runDue()).toBe(0);
    const [pending] = await store.dueDeliveries(clock + 10_000, 5);
    expect(pending).toMatchObject({ attempts: 2, lastError: 'webhook answered HTTP 503' });
    clock += 2_000;
    expect(await outbox.runDue()).toBe(1);
    expect(await store.dueDeliveries(clock + 10 ** 9, 5)).toEqual([]);

    expect(helpdesk.received).toHaveLength(1);
    const [{ body, headers }] = helpdesk.received as [Received];
    const expected = createHmac('sha256', SECRET).update(`${headers['x-softbounce-timestamp']}.${body}`).digest('hex');
    expect(headers['x-softbounce-signature']).toBe(`v1=${expected}`);
    const packet = casePacketSchema.parse(JSON.parse(body));
    expect(packet).toMatchObject({
      caseId: `conv-1:${T0}`,
      reason: 'persistent',
      codes: { replyCode: '421', enhancedStatus: '4.7.0' },
      variation: 'policy',
      conversation: { id: 'conv-1', channel: 'slack', threadTs: '1764494400.000100' },
    });
    expect(packet.transcript[0]?.text).toContain('421');
  });

  it('posts the case with its controls and a link to the customer\'s thread in the agents channel', async () => {
    const slack: FakeSlack = await startFakeSlack();
    cleanup.push(() => slack.close());
    const config = loadConfig({ SLACK_API_URL: slack.apiUrl, LOG_LEVEL: 'silent' });
    const store = createMemoryStore();
    await store.enqueueDelivery({ id: 'd2', conversationId: 'conv-2', target: 'slack_agents', payload: { ref, case: summary }, attempts: 0, nextAt: T0 });
    const desk = { api: createSlackApi(slack.apiUrl, BOT_TOKEN), store, channel: 'C0AGENTS', config };
    const outbox = createOutbox({ store, targets: { slack_agents: slackCaseTarget(desk) }, now: () => T0, log: createLogger('silent') });
    expect(await outbox.runDue()).toBe(1);
    const posted = slack.calls.find((call) => call.method === 'chat.postMessage');
    expect(posted?.body.channel).toBe('C0AGENTS');
    expect(String(posted?.body.text)).toContain('gmail.com');
    const blocks = JSON.stringify(posted?.body.blocks);
    expect(blocks).toContain('Open the conversation');
    expect(blocks).toContain('https://example.slack.com/archives/C042/p1764494400000100');
    expect(blocks).toContain('desk:take');
  });

  it('backs off exponentially up to the cap', () => {
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, 1_000, 5_000))).toEqual([1_000, 2_000, 4_000, 5_000]);
  });

  it('retries a target that is not configured instead of dropping the case', async () => {
    const store = createMemoryStore();
    await store.enqueueDelivery({ id: 'd3', conversationId: 'conv-3', target: 'webhook', payload: { ref, case: summary }, attempts: 0, nextAt: T0 });
    const outbox = createOutbox({ store, targets: {}, now: () => T0, log: createLogger('silent') });
    expect(await outbox.runDue()).toBe(0);
    const [kept] = await store.dueDeliveries(T0 + 10 ** 9, 5);
    expect(kept?.lastError).toContain('not configured');
  });
});
