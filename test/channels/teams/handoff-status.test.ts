/**
 * The agent hub's `handoff.status` events after the bot's `handoff.initiate`: accepted hands the conversation
 * to the agent, completed hands it back to the bot, failed keeps it with the bot and tells the user so.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseTeamsActivity } from '../../../src/channels/teams/activity.js';
import { startTeamsHarness, type TeamsHarness } from './teams-harness.js';
import { teamsFixture, type Activity } from './fixtures.js';
import type { ConnectorCall } from './bot-framework-servers.js';

const PERSONAL = 'a:1T9wXk3Lm7Qp2Rz8Vb4Nc6Yh0Jd5Fg1Ks3Ae9Uo7Iq2Wl4Ex6Tr8Cy0Bv';
const KEY = `msteams:${PERSONAL}`;

/** The texts of the messages sent: plain text, or the card's text blocks. */
const texts = (calls: ConnectorCall[]) =>
  calls
    .filter((c) => c.body.type === 'message')
    .map((c) => {
      const card = (c.body.attachments as { content: { body: { text: string }[] } }[] | undefined)?.[0]?.content;
      return [String(c.body.text ?? ''), ...(card?.body.map((b) => b.text) ?? [])].join(' ');
    })
    .join('\n');

describe('handoff.status events from Teams', () => {
  let h: TeamsHarness;
  const fixture = (name: string, overrides: Record<string, unknown> = {}): Activity =>
    teamsFixture(name, { serviceUrl: h.connector.serviceUrl, ...overrides });
  const status = (state: string, id: string) => fixture('handoff-status', { id, value: { state } });

  beforeAll(async () => {
    h = await startTeamsHarness();
  });
  beforeEach(async () => {
    h.reset();
    await h.post(fixture('personal-message'));
    await h.settle();
    h.connector.calls.splice(0);
  });
  afterAll(() => h.close());

  it('reads the recorded event: its state and message', () => {
    expect(parseTeamsActivity(teamsFixture('handoff-status')).event).toEqual({
      kind: 'handoff_status', state: 'accepted', message: 'Routed to queue Mail delivery',
    });
    expect(parseTeamsActivity(teamsFixture('handoff-status', { value: { state: 'queued' } })).event.kind).toBe('ignored');
    expect(parseTeamsActivity(teamsFixture('handoff-status', { name: 'handoff.other' })).event.kind).toBe('ignored');
  });

  it('accepted: the agent has the conversation and the bot stays quiet', async () => {
    expect((await h.post(fixture('handoff-status'))).status).toBe(200);
    await h.settle();
    expect(texts(h.connector.calls)).toBe('');
    const record = await h.conversations.get(KEY);
    expect(record?.state.handler).toBe('human');
    expect((await h.conversations.transcript(KEY)).at(-1)).toMatchObject({ from: 'system', text: expect.stringContaining('Routed to queue Mail delivery') });
    await h.post(fixture('personal-message', { id: 'after-accept', text: 'hello?' }));
    await h.settle();
    expect(texts(h.connector.calls)).toContain('support team is handling');
  });

  it('completed: the agent hands back and the bot picks up at the waiting question', async () => {
    await h.post(status('accepted', 's1'));
    await h.post(status('completed', 's2'));
    await h.settle();
    const said = texts(h.connector.calls);
    expect(said).toContain("I'm back");
    expect(said).toContain('How long ago did the first failure happen?');
    // Nothing to reply to: the bot posts into the conversation.
    expect(h.connector.calls.filter((c) => c.body.type === 'message').every((c) => c.path === `/teams/v3/conversations/${PERSONAL}/activities`)).toBe(true);
    expect((await h.conversations.get(KEY))?.state.handler).toBe('bot');
  });

  it('failed: the user hears no agent could take it, and the bot carries on with the same question', async () => {
    await h.post(status('failed', 's3'));
    await h.settle();
    const said = texts(h.connector.calls);
    expect(said).toContain('none of our support team could take this');
    expect(said).toContain('How long ago did the first failure happen?');
    const record = await h.conversations.get(KEY);
    expect(record?.state).toMatchObject({ handler: 'bot', status: 'active', stepId: 'wait_and_retry' });
    await h.post(fixture('personal-message', { id: 'after-fail', text: 'about 2 hours' }));
    await h.settle();
    expect((await h.conversations.get(KEY))?.state.stepId).toBe('sending_volume');
  });
});
