import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casePacketSchema } from '../../src/handoff/case-packet.js';
import { DirectLineClient } from '../e2e/direct-line-client.js';
import { startNodeServer, type RunningServer } from '../e2e/servers.js';

const SECRET = 'node-handoff-secret-0123456789';
const WEBHOOK_SECRET = 'helpdesk-secret-for-tests';
const AGENT_TOKEN = 'agent-token-for-node-handoff-test';

interface Hit {
  headers: IncomingHttpHeaders;
  body: string;
}

describe('escalation on the Node server', () => {
  const hits: Hit[] = [];
  let calls = 0;
  const helpdesk = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      calls += 1;
      // The helpdesk is down for the first attempt: the case must still arrive, exactly once.
      res.statusCode = calls === 1 ? 502 : 200;
      if (calls > 1) hits.push({ headers: req.headers, body });
      res.end();
    });
  });
  let server: RunningServer;

  beforeAll(async () => {
    await new Promise<void>((resolve) => helpdesk.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(helpdesk.address() as AddressInfo).port}/cases`;
    server = await startNodeServer({
      DIRECT_LINE_SECRET: SECRET,
      HANDOFF_WEBHOOK_URL: url,
      HANDOFF_WEBHOOK_SECRET: WEBHOOK_SECRET,
      AGENT_TOKEN,
      LOG_LEVEL: 'warn',
    });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await new Promise<void>((resolve) => helpdesk.close(() => resolve()));
  });

  it('delivers a signed case packet after the user insists on a person, retrying a failed delivery', async () => {
    const client = new DirectLineClient(server.baseUrl, SECRET);
    const { body: conversation } = await client.start();
    await client.say(conversation, 'my mails to outlook.com are deferred with 421 4.4.5 too many connections');
    await client.say(conversation, 'I want to talk to a human');
    await client.say(conversation, 'please, I want to talk to a real person now');
    const log = await client.pollUntil(conversation, (activities) =>
      activities.some((a) => a.channelData?.softbounce?.status === 'escalated'),
    );
    expect(log.at(-1)?.channelData?.softbounce?.status).toBe('escalated');

    const deadline = Date.now() + 20_000;
    while (hits.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hits).toHaveLength(1);
    const [hit] = hits as [Hit];
    const mac = createHmac('sha256', WEBHOOK_SECRET).update(`${hit.headers['x-softbounce-timestamp']}.${hit.body}`).digest('hex');
    expect(hit.headers['x-softbounce-signature']).toBe(`v1=${mac}`);
    const packet = casePacketSchema.parse(JSON.parse(hit.body));
    expect(packet).toMatchObject({
      reason: 'user_insisted',
      codes: { replyCode: '421', enhancedStatus: '4.4.5' },
      variation: 'connection',
      conversation: { id: conversation.conversationId, channel: 'directline' },
    });
    expect(packet.transcript.filter((line) => line.from === 'user')).toHaveLength(3);

    const agentView = await fetch(`${server.baseUrl}/api/agents/conversations/${conversation.conversationId}`, {
      headers: { authorization: `Bearer ${AGENT_TOKEN}` },
    });
    expect(((await agentView.json()) as { state: { status: string } }).state.status).toBe('escalated');
  }, 60_000);
});
