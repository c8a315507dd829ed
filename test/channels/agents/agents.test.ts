import { describe, expect, it } from 'vitest';
import { botMessages, createHarness } from '../directline/harness.js';

const AGENT_TOKEN = 'agent-token-0123456789abcdef';

function setup(settings: Record<string, string> = { AGENT_TOKEN }) {
  const harness = createHarness(settings);
  const call = async (method: string, path: string, body?: unknown, token = AGENT_TOKEN) => {
    const response = await harness.request(method, path, { auth: token, ...(body === undefined ? {} : { body }) });
    await harness.settle();
    return response;
  };
  const botTexts = async (id: string, token: string) => botMessages((await harness.poll(id, token)).activities).map((a) => String(a.text ?? ''));
  const userSays = async (id: string, token: string, text: string) => {
    await harness.say(id, token, text);
    await harness.settle();
  };
  return { harness, call, botTexts, userSays };
}

describe('agents API', () => {
  it('takes a conversation over, relays the agent, and hands it back at the right step', async () => {
    const t = setup();
    const { conversationId: id, token } = await t.harness.started();
    await t.userSays(id, token, 'my emails to gmail keep bouncing with 421 4.7.0 try again later');

    const takeover = await t.call('POST', '/api/agents/takeover', { conversationId: id, agent: 'Sam' });
    expect(takeover.status).toBe(200);
    expect(await takeover.json()).toMatchObject({ handler: 'human' });

    const before = (await t.botTexts(id, token)).length;
    await t.userSays(id, token, 'hello? anyone there');
    await t.userSays(id, token, 'still waiting');
    expect((await t.botTexts(id, token)).slice(before).length).toBeLessThanOrEqual(1);

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

  it('hands back at a chosen check and closes a case, the same actions as the Slack and Teams desks', async () => {
    const t = setup();
    const { conversationId: id, token } = await t.harness.started();
    await t.userSays(id, token, 'my emails to gmail keep bouncing with 421 4.7.0 try again later');
    await t.call('POST', '/api/agents/takeover', { conversationId: id, agent: 'Sam' });
    const back = await t.call('POST', '/api/agents/handoff', { conversationId: id, agent: 'Sam', known: { resumeAt: 'test_email' } });
    expect(((await back.json()) as { position: { stepId: string; stepNumber: number } }).position).toMatchObject({ stepId: 'test_email', stepNumber: 5 });
    expect((await t.botTexts(id, token)).at(-1)).toContain("Let's try a simple test");

    // Closing needs an open case: take it again first.
    const refused = await t.call('POST', `/api/agents/conversations/${id}/close`);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('no longer with the agents');
    await t.call('POST', '/api/agents/takeover', { conversationId: id, agent: 'Sam' });
    const closed = await t.call('POST', `/api/agents/conversations/${id}/close`, { agent: 'Sam', note: 'fixed the SPF record' });
    expect(closed.status).toBe(200);
    expect(((await closed.json()) as { position: { status: string } }).position.status).toBe('resolved');
    expect((await t.botTexts(id, token)).at(-1)).toMatch(/new delayed or bounced email/);
    expect((await t.call('POST', '/api/agents/conversations/nobody/close', {})).status).toBe(404);
    expect((await t.call('POST', `/api/agents/conversations/${id}/close`, '{"agent": ')).status).toBe(400);
  });

  it('erases a conversation on request', async () => {
    const t = setup();
    const { conversationId: id, token } = await t.harness.started();
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
    expect((await t.call('POST', '/api/agents/takeover', { conversationId: 'x' }, '')).status).toBe(401);
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
