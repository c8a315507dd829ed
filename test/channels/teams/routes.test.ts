import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CONNECTOR_TOKEN, startTeamsHarness, type TeamsHarness } from './teams-harness.js';
import { teamsFixture, type Activity } from './fixtures.js';
import type { ConnectorCall } from './bot-framework-servers.js';

const BOT = '28:7c1e5d4a-0000-4000-8000-00000000b07a';
const PERSONAL = 'a:1T9wXk3Lm7Qp2Rz8Vb4Nc6Yh0Jd5Fg1Ks3Ae9Uo7Iq2Wl4Ex6Tr8Cy0Bv';
const THREAD = '19:c0a4e2f6b8d1493f8e6a2c5b7d9f1e3a@thread.tacv2;messageid=1764494441208';
const TEAM_CHANNEL = '19:5e7a9c1b3d2f4e6a8c0b2d4f6a8c0e2b@thread.tacv2';

type Card = { body: { text: string }[]; actions?: { title: string; data: { softbounce: Record<string, string> } }[] };
const cardOf = (call: ConnectorCall | undefined) =>
  (call?.body.attachments as { content: Card }[] | undefined)?.[0]?.content;
const messages = (calls: ConnectorCall[]) => calls.filter((c) => c.body.type === 'message');

describe('POST /api/messages (Teams)', () => {
  let h: TeamsHarness;
  const fixture = (name: string, overrides: Record<string, unknown> = {}): Activity =>
    teamsFixture(name, { serviceUrl: h.connector.serviceUrl, ...overrides });

  beforeAll(async () => {
    h = await startTeamsHarness();
  });
  beforeEach(() => h.reset());
  afterAll(() => h.close());

  it('answers a personal message in the same conversation: typing first, then the replies, signed by the bot', async () => {
    const activity = fixture('personal-message');
    const response = await h.post(activity);
    expect(response.status).toBe(200);
    await h.settle();

    const [typing, ...replies] = h.connector.calls;
    expect(typing).toMatchObject({ method: 'POST', path: `/teams/v3/conversations/${PERSONAL}/activities`, body: { type: 'typing' } });
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) {
      expect(reply).toMatchObject({ method: 'POST', path: `/teams/v3/conversations/${PERSONAL}/activities/${activity.id}`, authorization: `Bearer ${CONNECTOR_TOKEN}` });
      expect(reply.body).toMatchObject({ type: 'message', replyToId: activity.id, conversation: { id: PERSONAL }, from: { id: BOT } });
    }
    const record = await h.conversations.get(`msteams:${PERSONAL}`);
    expect((await h.conversations.transcript(`msteams:${PERSONAL}`)).find((e) => e.from === 'user')?.text).toBe(activity.text);
    expect(record?.ref).toMatchObject({ channel: 'msteams', serviceUrl: h.connector.serviceUrl, tenantId: 'b3e7a1d9-6c24-4f85-9e0b-71d2c8f4a6e3' });
  });

  it('renders a question as an Adaptive Card, and a click updates that card and answers the step', async () => {
    await h.post(fixture('personal-message'));
    await h.settle();
    const cardIndex = h.connector.calls.findIndex((c) => cardOf(c)?.actions);
    expect(cardIndex).toBeGreaterThan(0);
    const card = cardOf(h.connector.calls[cardIndex])!;
    const cardActivityId = `bot-activity-${cardIndex + 1}`;
    const picked = card.actions![1]!;
    const record = await h.conversations.get(`msteams:${PERSONAL}`);
    expect(picked.data.softbounce.stepId).toBe(record?.state.stepId);

    const before = h.connector.calls.length;
    const submit = fixture('card-submit', { replyToId: cardActivityId, value: picked.data });
    expect((await h.post(submit)).status).toBe(200);
    await h.settle();

    const after = h.connector.calls.slice(before);
    expect(after[0]).toMatchObject({ method: 'PUT', path: `/teams/v3/conversations/${PERSONAL}/activities/${cardActivityId}` });
    const updated = cardOf(after[0])!;
    expect(updated.actions).toBeUndefined();
    expect(JSON.stringify(updated.body)).toContain(picked.title);
    expect(JSON.stringify(updated.body)).toContain(card.body[0]!.text);
    expect(messages(after.slice(1)).length).toBeGreaterThan(0);

    const answered = await h.conversations.get(`msteams:${PERSONAL}`);
    expect(answered?.state.answers.map((a) => [a.stepId, a.text])).toContainEqual([picked.data.softbounce.stepId, picked.title]);
  });

  it('answers a card once: a second click on the same card changes nothing', async () => {
    await h.post(fixture('personal-message'));
    await h.settle();
    const cardIndex = h.connector.calls.findIndex((c) => cardOf(c)?.actions);
    const card = cardOf(h.connector.calls[cardIndex])!;
    const replyToId = `bot-activity-${cardIndex + 1}`;
    await h.post(fixture('card-submit', { id: 'click-1', replyToId, value: card.actions![0]!.data }));
    await h.settle();
    const calls = h.connector.calls.length;
    const stored = await h.conversations.get(`msteams:${PERSONAL}`);

    await h.post(fixture('card-submit', { id: 'click-2', replyToId, value: card.actions![1]!.data }));
    await h.settle();
    expect(h.connector.calls.length).toBe(calls);
    expect((await h.conversations.get(`msteams:${PERSONAL}`))?.version).toBe(stored?.version);
  });

  it('closes a card from an earlier step without answering the current one', async () => {
    await h.post(fixture('personal-message'));
    await h.settle();
    const stale = { softbounce: { stepId: 'no_longer_waiting', choice: 'x', label: 'Old answer', question: 'Old question?' } };
    const stored = await h.conversations.get(`msteams:${PERSONAL}`);
    const before = h.connector.calls.length;
    await h.post(fixture('card-submit', { replyToId: 'old-card', value: stale }));
    await h.settle();
    const after = h.connector.calls.slice(before);
    expect(after.map((c) => c.method)).toEqual(['PUT']);
    expect((await h.conversations.get(`msteams:${PERSONAL}`))?.version).toBe(stored?.version);
  });

  it('answers a channel post that mentions it in the post\'s thread, with the mention stripped', async () => {
    const activity = fixture('channel-mention');
    await h.post(activity);
    await h.settle();
    const replies = h.connector.calls.filter((c) => c.method === 'POST' && c.body.type === 'message');
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) expect(reply.path).toBe(`/teams/v3/conversations/${THREAD}/activities/${activity.id}`);
    expect(h.connector.calls.filter((c) => c.body.type === 'typing')).toEqual([]);
    const record = await h.conversations.get(`msteams:${THREAD}`);
    expect((await h.conversations.transcript(`msteams:${THREAD}`)).find((e) => e.from === 'user')?.text).toBe('mail to outlook.com is deferred with 421 4.7.0 since this morning');
  });

  it('stays silent in group chats when not mentioned', async () => {
    const activity = fixture('group-chat-no-mention');
    expect((await h.post(activity)).status).toBe(200);
    await h.settle();
    expect(h.connector.calls).toEqual([]);
    expect(await h.conversations.get(`msteams:${(activity.conversation as { id: string }).id}`)).toBeUndefined();
  });

  it('welcomes once when added to a team, although Teams announces it twice', async () => {
    await h.post(fixture('bot-added-to-team'));
    await h.post(fixture('installation-add'));
    await h.settle();
    const welcome = messages(h.connector.calls);
    expect(welcome.length).toBeGreaterThan(0);
    for (const call of welcome) expect(call).toMatchObject({ method: 'POST', path: `/teams/v3/conversations/${TEAM_CHANNEL}/activities` });
    const record = await h.conversations.get(`msteams:${TEAM_CHANNEL}`);
    expect((await h.conversations.transcript(`msteams:${TEAM_CHANNEL}`)).filter((e) => e.from === 'bot').length).toBe(welcome.length);
  });

  it('processes a retried activity (same id) once', async () => {
    const activity = fixture('personal-message');
    expect((await h.post(activity)).status).toBe(200);
    await h.settle();
    const calls = h.connector.calls.length;
    expect((await h.post(activity)).status).toBe(200);
    expect((await h.post(activity)).status).toBe(200);
    await h.settle();
    expect(h.connector.calls.length).toBe(calls);
    const record = await h.conversations.get(`msteams:${PERSONAL}`);
    expect((await h.conversations.transcript(`msteams:${PERSONAL}`)).filter((e) => e.from === 'user')).toHaveLength(1);
  });

  describe('refuses unauthenticated requests with 401 and processes nothing', () => {
    const cases: [string, (h: TeamsHarness, activity: Activity) => Promise<string | null>][] = [
      ['no Authorization header', async () => null],
      ['a token signed with an unpublished key', async (h, a) => h.keys.token({ serviceurl: a.serviceUrl, key: await h.keys.otherKey() })],
      ['an expired token', (h, a) => h.keys.token({ serviceurl: a.serviceUrl, expiresIn: -3600 })],
      ['a token for another app id', (h, a) => h.keys.token({ serviceurl: a.serviceUrl, aud: 'some-other-bot' })],
      ['a token issued for another serviceUrl', (h) => h.keys.token({ serviceurl: 'https://smba.trafficmanager.net/amer/' })],
      ['a token whose key is not endorsed for Teams', (h, a) => h.keys.token({ serviceurl: a.serviceUrl, kid: 'webchat-key' })],
      ['garbage', async () => 'Bearer not.a.jwt'],
    ];
    it.each(cases)('%s', async (_name, authorization) => {
      const activity = fixture('personal-message');
      const response = await h.post(activity, await authorization(h, activity));
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: 'Unauthorized', message: expect.any(String) } });
      await h.settle();
      expect(h.connector.calls).toEqual([]);
      expect(await h.conversations.get(`msteams:${PERSONAL}`)).toBeUndefined();
    });
  });

  it('answers 413 for a body far larger than any activity', async () => {
    const response = await h.post({ ...fixture('personal-message'), text: 'x'.repeat(300 * 1024) });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'BodyTooLarge' } });
  });

  it('answers 400 with the reason for a body that is not a valid activity', async () => {
    const notJson = await h.post('{"type":', 'Bearer whatever');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: { code: 'BadArgument', message: expect.stringMatching(/JSON/) } });

    const activity = fixture('personal-message');
    const broken = { ...activity, conversation: {} };
    const response = await h.post(broken, await h.keys.token({ serviceurl: activity.serviceUrl }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { message: expect.stringMatching(/conversation\.id/) } });
  });

});

describe('Teams when the signing keys cannot be fetched', () => {
  it('answers 503 and processes nothing', async () => {
    const h = await startTeamsHarness({ BOT_OPENID_METADATA: 'http://127.0.0.1:1/v1/.well-known/openidconfiguration' });
    const activity = teamsFixture('personal-message', { serviceUrl: h.connector.serviceUrl });
    const response = await h.post(activity, await h.keys.token({ serviceurl: activity.serviceUrl }));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: { code: 'ServiceUnavailable', message: expect.stringMatching(/signing keys/) } });
    await h.settle();
    expect(h.connector.calls).toEqual([]);
    await h.close();
  });
});

describe('Teams without credentials', () => {
  it('answers 503 naming the missing settings instead of running unauthenticated', async () => {
    const h = await startTeamsHarness({ MICROSOFT_APP_PASSWORD: '' });
    const response = await h.post(teamsFixture('personal-message', { serviceUrl: h.connector.serviceUrl }), null);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: { code: 'ChannelDisabled', message: expect.stringMatching(/Teams channel is disabled: set MICROSOFT_APP_PASSWORD/) },
    });
    await h.close();
  });
});
