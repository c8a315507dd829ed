import { describe, expect, it } from 'vitest';
import { createLogWriter } from '../../../src/channels/directline/log-writer.js';
import { loadConfig } from '../../../src/config.js';
import { createConversations } from '../../../src/conversation/service.js';
import { createApp } from '../../../src/http/app.js';
import { createLogger } from '../../../src/log.js';
import { createTurnDeps } from '../../../src/runtime/engine.js';
import { createChannelSenders } from '../../../src/scheduler/channel-senders.js';
import { createMemoryStore } from '../../../src/store/memory.js';

const AGENT_TOKEN = 'agent-token-0123456789abcdef';
const SECRET = 'test-secret-0123456789-abcdefghij';
const DL = '/v3/directline';

function setup(settings: Record<string, string> = { AGENT_TOKEN }) {
  const now = () => Date.parse('2026-11-30T09:00:00Z');
  const config = loadConfig({ DIRECT_LINE_SECRET: SECRET, LOG_LEVEL: 'silent', ...settings });
  const store = createMemoryStore();
  const conversations = createConversations({ store, deps: createTurnDeps(config, now) });
  const directLine = createLogWriter({ store, conversations, now });
  const pending: Promise<unknown>[] = [];
  const app = createApp({
    config,
    store,
    conversations,
    log: createLogger('silent'),
    now,
    background: (work) => void pending.push(work),
    directLine,
    senders: createChannelSenders(config, directLine),
  });
  const call = async (method: string, path: string, body?: unknown, token = AGENT_TOKEN) => {
    const response = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    while (pending.length) await Promise.all(pending.splice(0));
    return response;
  };
  const userSays = async (id: string, token: string, text: string) =>
    call('POST', `${DL}/conversations/${id}/activities`, { type: 'message', from: { id: 'u1' }, text }, token);
  const botTexts = async (id: string, token: string) => {
    const body = (await (await call('GET', `${DL}/conversations/${id}/activities?watermark=`, undefined, token)).json()) as {
      activities: { from: { role?: string }; text?: string }[];
    };
    return body.activities.filter((a) => a.from.role === 'bot').map((a) => a.text ?? '');
  };
  const startChat = async () => {
    const started = (await (await call('POST', `${DL}/conversations`, {}, SECRET)).json()) as { conversationId: string; token: string };
    return { id: started.conversationId, token: started.token };
  };
  return { call, userSays, botTexts, startChat };
}

describe('agents API', () => {
  it('takes a conversation over, relays the agent, and hands it back at the right step', async () => {
    const t = setup();
    const { id, token } = await t.startChat();
    await t.userSays(id, token, 'my emails to gmail keep bouncing with 421 4.7.0 try again later');

    const takeover = await t.call('POST', '/api/agents/takeover', { conversationId: id, agent: 'Sam' });
    expect(takeover.status).toBe(200);
    expect(await takeover.json()).toMatchObject({ handler: 'human' });

    const before = (await t.botTexts(id, token)).length;
    await t.userSays(id, token, 'hello? anyone there');
    await t.userSays(id, token, 'still waiting');
    const whileHuman = (await t.botTexts(id, token)).slice(before);
    expect(whileHuman.length).toBeLessThanOrEqual(1);

    const relayed = await t.call('POST', `/api/agents/conversations/${id}/messages`, { text: 'Hi, Sam here. Let me look.', agent: 'Sam' });
    expect(relayed.status).toBe(200);
    expect((await t.botTexts(id, token)).at(-1)).toBe('Sam: Hi, Sam here. Let me look.');

    const handback = await t.call('POST', '/api/agents/handoff', {
      conversationId: id,
      agent: 'Sam',
      known: { recipientDomain: 'gmail.com', stepsDone: ['wait_and_retry', 'sending_volume'] },
    });
    expect(handback.status).toBe(200);
    const back = (await handback.json()) as { handler: string; position: { stepId: string } };
    expect(back.handler).toBe('bot');
    expect(['recipient_server', 'test_email']).toContain(back.position.stepId);

    const read = await t.call('GET', `/api/agents/conversations/${id}`);
    const record = (await read.json()) as { transcript: { from: string; text: string }[]; state: { handler: string } };
    expect(record.state.handler).toBe('bot');
    const userLines = record.transcript.filter((line) => line.from === 'user').map((line) => line.text);
    expect(userLines).toEqual(['my emails to gmail keep bouncing with 421 4.7.0 try again later', 'hello? anyone there', 'still waiting']);
    expect(record.transcript.some((line) => line.from === 'agent')).toBe(true);
  });

  it('erases a conversation on request', async () => {
    const t = setup();
    const { id, token } = await t.startChat();
    await t.userSays(id, token, 'mail to yahoo deferred 421');
    expect((await t.call('DELETE', `/api/agents/conversations/${id}`)).status).toBe(204);
    expect((await t.call('GET', `/api/agents/conversations/${id}`)).status).toBe(404);
    expect((await t.call('DELETE', `/api/agents/conversations/${id}`)).status).toBe(404);
  });

  it('starts a new conversation handed to the bot when the agent gives its channel reference', async () => {
    const t = setup();
    const response = await t.call('POST', '/api/agents/handoff', {
      conversationId: 'from-helpdesk-1',
      ref: { channel: 'directline', conversationId: 'from-helpdesk-1' },
      known: { replyCode: '421', enhancedStatus: '4.4.5' },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { position: { stepId: string } }).position.stepId).toBe('wait_and_retry');
  });

  it('rejects missing or wrong tokens and bad bodies', async () => {
    const t = setup();
    expect((await t.call('GET', '/api/agents/conversations/x', undefined, 'wrong-token-0123456789')).status).toBe(401);
    const missing = await t.call('POST', '/api/agents/takeover', { conversationId: 'x' }, '');
    expect(missing.status).toBe(401);
    const bad = await t.call('POST', '/api/agents/handoff', '{"conversationId": ');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('not valid JSON');
    const wrong = await t.call('POST', '/api/agents/handoff', { conversationId: 'c', known: { replyCode: 'abc' } });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toContain('known.replyCode');
    expect((await t.call('POST', '/api/agents/takeover', { conversationId: 'nobody' })).status).toBe(404);
  });

  it('is off with a clear error when no agent token is configured', async () => {
    const t = setup({});
    const response = await t.call('GET', '/api/agents/conversations/x');
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('AGENT_TOKEN');
  });
});
