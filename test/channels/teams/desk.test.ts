/**
 * The Teams agents' channel as a desk, in process against the local Bot Connector and OpenID servers: the
 * case card starts a thread there, `Action.Execute` answers with the card redrawn in place (and the card is
 * updated for everyone), replies in the card's thread reach the customer and the customer's messages reach the
 * thread, `Action.Submit` from older clients works the same, and activities from elsewhere are refused.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findCase, type CasePlace } from '../../../src/handoff/desk.js';
import { startDeskHarness, TEAMS_AGENTS, type DeskHarness } from '../../handoff/desk-harness.js';
import type { ConnectorCall } from './bot-framework-servers.js';
import { teamsFixture } from './fixtures.js';

const ESCALATE = ['my mails to outlook.com are deferred with 421 4.4.5 too many connections', 'I want to talk to a human', 'please, a real person now'];
type Card = { body: { type: string; text?: string }[]; actions: { type: string; title: string }[] };

const cardOf = (call: ConnectorCall | undefined) => (call?.body.attachments as { content: Card }[] | undefined)?.[0]?.content;
const cardText = (card: Card | undefined) => (card?.body ?? []).map((b) => b.text ?? '').join('\n');

describe('Teams agents desk', () => {
  let h: DeskHarness;
  let place: CasePlace;
  let customer: Awaited<ReturnType<DeskHarness['customer']>>;
  let sequence = 0;

  /** An activity in the case thread (or, with `conversation`, elsewhere), as Teams sends it. */
  const inThread = (name: 'desk-invoke' | 'desk-thread-reply', overrides: Record<string, unknown> = {}) =>
    teamsFixture(name, { id: `act-${(sequence += 1)}`, serviceUrl: h.connector.serviceUrl, conversation: { ...teamsFixture(name).conversation, id: place.conversation }, ...overrides });
  const click = (action: 'take' | 'handback' | 'close', extra: Record<string, unknown> = {}) =>
    inThread('desk-invoke', {
      value: { action: { type: 'Action.Execute', verb: `desk.${action}`, data: { softbounceDesk: { action, conversationId: customer.id }, ...extra } }, trigger: 'manual' },
    });
  const threadPosts = () => h.connector.calls.filter((c) => c.method === 'POST' && c.path.includes(place.conversation) && c.path.endsWith('/activities'));

  beforeEach(async () => {
    h = await startDeskHarness();
    customer = await h.customer();
    for (const text of ESCALATE) await customer.say(text);
    place = (await findCase(h.store, 'msteams', customer.id))!;
  });
  afterEach(() => h.close());

  it('posts the case card in the agents channel, takes it in place, relays both ways, and hands back at check 5', async () => {
    const started = h.connector.calls.find((c) => c.method === 'POST' && c.path === '/teams/v3/conversations');
    expect(started?.body).toMatchObject({ isGroup: true, channelData: { channel: { id: TEAMS_AGENTS } } });
    expect(cardText(cardOf({ ...started!, body: started!.body.activity as Record<string, unknown> }))).toContain('Waiting for an agent');
    expect(String(threadPosts()[0]?.body.text)).toContain('please, a real person now');

    const taken = await h.teams(click('take'));
    expect(taken.status).toBe(200);
    const answer = (await taken.json()) as { statusCode: number; type: string; value: Card };
    expect(answer).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(cardText(answer.value)).toContain('Ana Mokoena has this case');
    await h.settle();
    const update = h.connector.calls.filter((c) => c.method === 'PUT' && c.path.endsWith(`/activities/${place.message}`)).at(-1);
    expect(cardText(cardOf(update))).toContain('Ana Mokoena has this case');
    expect((await customer.botTexts()).at(-1)).toContain('support team is handling');

    const first = inThread('desk-thread-reply');
    await h.teams(first);
    await h.teams(first);
    await h.teams(inThread('desk-thread-reply', { text: '<p>Please send a plain test email &amp; tell me.</p>' }));
    await h.settle();
    expect((await customer.botTexts()).slice(-2)).toEqual(['Ana Mokoena: Hi, Ana here from support.', 'Ana Mokoena: Please send a plain test email & tell me.']);

    await customer.say('sending it now');
    await customer.say('it arrived');
    const relayed = threadPosts().map((c) => String(c.body.text)).join('\n');
    expect(relayed).toContain('**Customer:** sending it now');
    expect(relayed).toContain('**Customer:** it arrived');

    const submit = inThread('desk-thread-reply', {
      text: undefined,
      value: { softbounceDesk: { action: 'handback', conversationId: customer.id }, resumeAt: 'test_email' },
    });
    expect((await h.teams(submit)).status).toBe(200);
    await h.settle();
    expect((await h.conversations.get(customer.id))?.state).toMatchObject({ handler: 'bot', stepId: 'test_email' });
    expect((await customer.botTexts()).slice(-2).join('\n')).toContain("Let's try a simple test");
    const last = h.connector.calls.filter((c) => c.method === 'PUT').at(-1);
    expect(cardText(cardOf(last))).toContain('Back with the bot at check 5');
  });

  it('refuses a card click from outside the agents channel, tells the clicker why, and logs it', async () => {
    const before = await customer.botTexts();
    // The card forwarded into a personal chat: its buttons still carry the case, but the click is not from the desk.
    const elsewhere = { ...click('take'), conversation: { id: 'a:1T9wXk3Lm7Qp2Rz8Vb4Nc6Yh0Jd5Fg1Ks3Ae9Uo7Iq2Wl4Ex6Tr8Cy0Bv', conversationType: 'personal' } };
    const answer = (await (await h.teams(elsewhere)).json()) as { type: string; value: string };
    expect(answer.type).toBe('application/vnd.microsoft.activity.message');
    expect(answer.value).toContain('not in the agents channel');
    await h.settle();
    expect(await customer.botTexts()).toEqual(before);
    expect((await h.conversations.get(customer.id))?.state.handler).toBe('bot');
    expect(h.logs.filter((l) => l.msg === 'teams agent action refused').map((l) => l.reason)).toEqual(['not in the agents channel']);
  });
});

describe('Teams agents desk with an allow-list', () => {
  it('refuses a channel member whose ids are not on AGENT_USER_IDS, and accepts one by AAD object id', async () => {
    const h = await startDeskHarness({ AGENT_USER_IDS: '2c9e4a6b-8d1f-4e3a-b5c7-9d0e2f4a6b8c' });
    try {
      const customer = await h.customer();
      for (const text of ESCALATE) await customer.say(text);
      const place = (await findCase(h.store, 'msteams', customer.id))!;
      const reply = (from: Record<string, string>, id: string) =>
        teamsFixture('desk-thread-reply', { id, from, serviceUrl: h.connector.serviceUrl, conversation: { ...teamsFixture('desk-thread-reply').conversation, id: place.conversation } });
      await h.teams(reply({ id: '29:someone-else', name: 'Sam', aadObjectId: '0000-other' }, 'r1'));
      await h.teams(reply(teamsFixture('desk-thread-reply').from as Record<string, string>, 'r2'));
      await h.settle();
      expect(h.logs.find((l) => l.msg === 'teams agent action refused')?.reason).toBe('not on the AGENT_USER_IDS allow-list');
      expect((await customer.botTexts()).filter((t) => t.includes('Ana here'))).toEqual(['Ana Mokoena: Hi, Ana here from support.']);
      expect((await customer.botTexts()).join('\n')).not.toContain('Sam:');
    } finally {
      await h.close();
    }
  });
});
