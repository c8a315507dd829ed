/**
 * The Slack agents' channel as a desk, in process against the local fake Web API: a web chat customer
 * escalates, an agent takes the case, they talk through the case's thread, and the agent hands back at a check
 * or closes; strangers are refused, and Slack's retries relay nothing twice.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDeskHarness, type DeskHarness } from '../../handoff/desk-harness.js';
import { deskClick, lastUpdate, postedCase, threadReply, threadTexts } from './desk-payloads.js';

const ESCALATE = ['my mails to outlook.com are deferred with 421 4.4.5 too many connections', 'I want to talk to a human', 'please, a real person now'];

async function escalated(h: DeskHarness) {
  h.slack.setMembers('C0AGENTS', ['U0ANA', 'U0BEN', 'U0CAT']);
  h.slack.setUserName('U0ANA', 'Ana');
  h.slack.setUserName('U0BEN', 'Ben');
  const customer = await h.customer();
  for (const text of ESCALATE) await customer.say(text);
  const posted = postedCase(h.slack.calls);
  if (!posted) throw new Error(`no case was posted: ${JSON.stringify(h.slack.calls.map((c) => c.method))}`);
  return { customer, ts: posted.ts, post: posted.post };
}

describe('Slack agents desk', () => {
  let h: DeskHarness;
  beforeEach(async () => {
    h = await startDeskHarness();
  });
  afterEach(() => h.close());

  it('takes a case, relays two messages each way through its thread, and hands back at check 5', async () => {
    const { customer, ts, post } = await escalated(h);
    expect(JSON.stringify(post.body.blocks)).toContain('Waiting for an agent');
    expect(threadTexts(h.slack.calls, ts)[0]).toContain('please, a real person now');

    expect((await h.slackClick(deskClick('take', 'U0ANA', ts))).status).toBe(200);
    await h.settle();
    expect(lastUpdate(h.slack.calls, ts)).toContain('*Ana* has this case');
    expect(threadTexts(h.slack.calls, ts).join('\n')).toMatch(/Ana took the case after \d+ s in the queue/);
    expect((await customer.botTexts()).at(-1)).toContain('support team is handling this conversation');

    for (const text of ['Hi, Ana here from support.', 'Could you send a plain test email to *one* gmail address & tell me?']) {
      expect((await h.slackEvent(threadReply('U0ANA', text, ts))).status).toBe(200);
    }
    await h.settle();
    const seen = await customer.botTexts();
    expect(seen.slice(-2)).toEqual(['Ana: Hi, Ana here from support.', 'Ana: Could you send a plain test email to *one* gmail address & tell me?']);

    await customer.say('ok, sending it now');
    await customer.say('it arrived fine');
    const thread = threadTexts(h.slack.calls, ts).join('\n');
    expect(thread).toContain('*Customer:* ok, sending it now');
    expect(thread).toContain('*Customer:* it arrived fine');

    expect((await h.slackClick(deskClick('handback', 'U0ANA', ts, { resumeAt: 'test_email' }))).status).toBe(200);
    await h.settle();
    const record = await h.conversations.get(customer.id);
    expect(record?.state).toMatchObject({ handler: 'bot', status: 'active', stepId: 'test_email' });
    const after = (await customer.botTexts()).slice(-2).join('\n');
    expect(after).toContain("I'm back. Ana has filled me in");
    expect(after).toContain("Let's try a simple test");
    expect(lastUpdate(h.slack.calls, ts)).toContain('Back with the bot at check 5');
    expect(threadTexts(h.slack.calls, ts).join('\n')).toContain('Ana handed the case back to the bot at check 5');

    await customer.say('yes it went through');
    expect((await h.conversations.get(customer.id))?.state.answers.at(-1)?.stepId).toBe('test_email');
    const events = await h.store.listEvents(0, Date.now() + 1000);
    expect(events.flatMap((e) => (e.agent ? [e.agent.type] : []))).toEqual(['taken', 'replied', 'replied', 'handed_back']);
    expect(events.find((e) => e.agent?.type === 'handed_back')?.agent).toMatchObject({ by: 'Ana', check: 5 });
  });

  it('relays a reply once under Slack retries and the app_mention + message double delivery', async () => {
    const { customer, ts } = await escalated(h);
    const reply = threadReply('U0ANA', 'Hi, I have it.', ts);
    const mention = threadReply('U0ANA', '<@U07SOFTBOT> Hi, I have it.', ts, { ts: reply.event.ts, mention: true });
    const answers = await Promise.all([
      h.slackEvent(reply),
      h.slackEvent(mention),
      h.slackEvent(reply, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    await h.settle();
    expect((await customer.botTexts()).filter((t) => t.includes('Hi, I have it.'))).toEqual(['Ana: Hi, I have it.']);
    // The reply took the free case for Ana, as help desks assign on reply.
    expect(lastUpdate(h.slack.calls, ts)).toContain('*Ana* has this case');
  });

  it('refuses clicks and replies from outside the agents channel or its members, and logs them', async () => {
    const { customer, ts } = await escalated(h);
    const before = await customer.botTexts();
    await h.slackEvent(threadReply('U0EVE', 'I am not an agent', ts));
    await h.slackClick(deskClick('take', 'U0EVE', ts));
    await h.slackClick(deskClick('close', 'U0ANA', ts, { channel: 'C06SUPPORT' }));
    await h.settle();
    expect(await customer.botTexts()).toEqual(before);
    expect((await h.conversations.get(customer.id))?.state).toMatchObject({ status: 'escalated', handler: 'bot' });
    const refused = h.logs.filter((l) => l.msg === 'slack agent action refused').map((l) => l.reason);
    expect(refused).toEqual(['not a member of the agents channel', 'not a member of the agents channel', 'not in the agents channel']);
    const told = h.slack.calls.filter((c) => c.method === 'chat.postEphemeral').map((c) => c.body.user);
    expect(told).toEqual(['U0EVE', 'U0EVE', 'U0ANA']);
  });

  it("keeps another agent's reply from the customer while the case is taken, and lets them take over", async () => {
    const { customer, ts } = await escalated(h);
    await h.slackClick(deskClick('take', 'U0ANA', ts));
    await h.slackEvent(threadReply('U0BEN', 'I can help too', ts));
    await h.settle();
    expect((await customer.botTexts()).join('\n')).not.toContain('I can help too');
    expect(h.slack.calls.find((c) => c.method === 'chat.postEphemeral')?.body.text).toContain('Ana has this case');

    await h.slackClick(deskClick('take', 'U0BEN', ts));
    await h.slackEvent(threadReply('U0BEN', 'Ben here, taking over.', ts));
    await h.settle();
    expect((await customer.botTexts()).at(-1)).toBe('Ben: Ben here, taking over.');
    expect((await h.conversations.transcript(customer.id)).some((l) => l.text === 'Ben took over from Ana')).toBe(true);
  });

  it('closes a case as resolved, and a second close finds it closed', async () => {
    const { customer, ts } = await escalated(h);
    await h.slackClick(deskClick('close', 'U0ANA', ts));
    await h.slackClick(deskClick('close', 'U0BEN', ts));
    await h.settle();
    expect((await h.conversations.get(customer.id))?.state).toMatchObject({ status: 'resolved', handler: 'bot' });
    expect((await customer.botTexts()).at(-1)).toMatch(/new delayed or bounced email/);
    expect(lastUpdate(h.slack.calls, ts)).toContain('Closed as resolved');
    expect(h.slack.calls.filter((c) => c.method === 'chat.postEphemeral').map((c) => c.body.text)).toEqual([expect.stringContaining('no longer with the agents')]);
  });

  it('leaves agents alone outside case threads and answers malformed clicks with a 400', async () => {
    await escalated(h);
    const calls = h.slack.calls.length;
    const chatter = threadReply('U0ANA', 'morning all', '1764400000.000100');
    expect((await h.slackEvent(chatter)).status).toBe(200);
    await h.settle();
    expect(h.slack.calls.length).toBe(calls);
    expect(await h.conversations.get('slack:T04HOSTCO:C0AGENTS:1764400000.000100')).toBeUndefined();

    const noCheck = await h.slackClick(deskClick('handback', 'U0ANA', '1764400000.000100'));
    expect(noCheck.status).toBe(400);
    expect(((await noCheck.json()) as { error: { message: string } }).error.message).toContain('selected_option');
  });
});

describe('Slack agents desk with an allow-list', () => {
  it('refuses a member of the agents channel who is not on AGENT_USER_IDS', async () => {
    const h = await startDeskHarness({ AGENT_USER_IDS: 'U0ANA, U0CAT' });
    try {
      const { customer, ts } = await escalated(h);
      await h.slackClick(deskClick('take', 'U0BEN', ts));
      await h.settle();
      expect((await h.conversations.get(customer.id))?.state.handler).toBe('bot');
      expect(h.logs.find((l) => l.msg === 'slack agent action refused')?.reason).toBe('not on the AGENT_USER_IDS allow-list');
      await h.slackClick(deskClick('take', 'U0ANA', ts));
      expect((await h.conversations.get(customer.id))?.state.handler).toBe('human');
    } finally {
      await h.close();
    }
  });
});
