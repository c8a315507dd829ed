import { describe, expect, it } from 'vitest';
import { SlackPayloadError } from '../../../src/channels/slack/events.js';
import { parseSlackInteraction } from '../../../src/channels/slack/interactions.js';
import { slackFixture } from './slack-fakes.js';

describe('parseSlackInteraction', () => {
  it('reads a choice click with the message to update and the thread conversation it answers', () => {
    expect(parseSlackInteraction(JSON.stringify(slackFixture('block-actions')))).toEqual({
      kind: 'choice',
      stepId: 'check_sending_volume',
      choice: 'yes',
      label: 'Yes, we send bulk mail',
      question: 'Do you send newsletters or other bulk mail from this domain?',
      channel: 'C06SUPPORT',
      messageTs: '1764494445.411729',
      threadTs: '1764494441.208309',
      conversationKey: 'slack:T04HOSTCO:C06SUPPORT:1764494441.208309',
      ref: { channel: 'slack', conversationId: 'C06SUPPORT', userId: 'U05THANDI', tenantId: 'T04HOSTCO', threadTs: '1764494441.208309' },
    });
  });

  it('keys a click in a DM (no thread) by the DM channel', () => {
    const payload = slackFixture<{ channel: { id: string }; message: Record<string, unknown> }>('block-actions');
    payload.channel = { id: 'D07PIETERDM' };
    delete payload.message.thread_ts;
    expect(parseSlackInteraction(JSON.stringify(payload))).toMatchObject({ conversationKey: 'slack:T04HOSTCO:D07PIETERDM' });
  });

  it('ignores other interaction types and buttons that are not our choices', () => {
    expect(parseSlackInteraction(JSON.stringify({ type: 'view_submission', user: { id: 'U1' } })).kind).toBe('ignored');
    const foreign = slackFixture<{ actions: { value: string }[] }>('block-actions');
    foreign.actions[0]!.value = 'approve';
    expect(parseSlackInteraction(JSON.stringify(foreign)).kind).toBe('ignored');
  });

  it('refuses a missing or non-JSON payload with a clear message', () => {
    expect(() => parseSlackInteraction(undefined)).toThrow(/payload/);
    expect(() => parseSlackInteraction('{not json')).toThrow(SlackPayloadError);
    expect(() => parseSlackInteraction(JSON.stringify({ type: 'block_actions' }))).toThrow(/user/);
  });
});
