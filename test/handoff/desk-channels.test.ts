/**
 * An agent in the Slack agents' channel talks to customers wherever their conversation lives: a Slack thread
 * in the customers' channel, or a Teams personal chat. The agent's words reach the customer there, and the
 * customer's words reach the case's thread.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findCase } from '../../src/handoff/desk.js';
import { slackFixture } from '../channels/slack/slack-fakes.js';
import { deskClick, nextTs, threadReply, threadTexts } from '../channels/slack/desk-payloads.js';
import { teamsFixture } from '../channels/teams/fixtures.js';
import { startDeskHarness, type DeskHarness } from './desk-harness.js';

const CUSTOMER_THREAD = '1764494441.208309';
const SLACK_CUSTOMER = `slack:T04HOSTCO:C06SUPPORT:${CUSTOMER_THREAD}`;
const TEAMS_CHAT = 'a:1T9wXk3Lm7Qp2Rz8Vb4Nc6Yh0Jd5Fg1Ks3Ae9Uo7Iq2Wl4Ex6Tr8Cy0Bv';

describe('agents reach customers on their own channel', () => {
  let h: DeskHarness;
  beforeEach(async () => {
    h = await startDeskHarness();
    h.slack.setMembers('C0AGENTS', ['U0ANA']);
    h.slack.setUserName('U0ANA', 'Ana');
  });
  afterEach(() => h.close());

  /** Takes the conversation's case in Slack and writes to the customer from its thread. */
  async function agentWrites(conversationId: string, text: string): Promise<string> {
    const place = await findCase(h.store, 'slack', conversationId);
    if (!place) throw new Error(`no Slack case for ${conversationId}`);
    await h.slackClick(deskClick('take', 'U0ANA', place.message));
    await h.slackEvent(threadReply('U0ANA', text, place.message));
    await h.settle();
    return place.message;
  }

  it('a Slack customer: the agent writes in their thread, and their replies appear in the case thread', async () => {
    await h.slackEvent(slackFixture('app-mention-channel'));
    for (const text of ['I want to talk to a human', 'a real person please']) {
      await h.slackEvent(threadReply('U05THANDI', text, CUSTOMER_THREAD, { channel: 'C06SUPPORT' }));
      await h.settle();
    }
    expect((await h.conversations.get(SLACK_CUSTOMER))?.state.status).toBe('escalated');

    const caseTs = await agentWrites(SLACK_CUSTOMER, 'Hi Thandi, Ana here.');
    const toCustomer = h.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === 'C06SUPPORT' && c.body.thread_ts === CUSTOMER_THREAD);
    expect(toCustomer.map((c) => c.body.text)).toContain('Ana: Hi Thandi, Ana here.');

    await h.slackEvent(threadReply('U05THANDI', 'thanks Ana, it still fails', CUSTOMER_THREAD, { channel: 'C06SUPPORT', ts: nextTs() }));
    await h.settle();
    expect(threadTexts(h.slack.calls, caseTs).join('\n')).toContain('*Customer:* thanks Ana, it still fails');
  });

  it('a Teams customer: the agent writes in their personal chat through the Bot Connector', async () => {
    const texts = ['Hi, our emails to Gmail keep coming back with 421 try again later', 'talk to a human', 'I want a real person'];
    for (const [i, text] of texts.entries()) {
      await h.teams(teamsFixture('personal-message', { id: `t-${i}`, text, serviceUrl: h.connector.serviceUrl }));
      await h.settle();
    }
    const id = `msteams:${TEAMS_CHAT}`;
    expect((await h.conversations.get(id))?.state.status).toBe('escalated');
    await agentWrites(id, 'Hi Thandi, Ana here.');
    const sent = h.connector.calls.filter((c) => c.method === 'POST' && c.path === `/teams/v3/conversations/${TEAMS_CHAT}/activities`);
    expect(sent.map((c) => c.body.text)).toContain('Ana: Hi Thandi, Ana here.');
  });
});
