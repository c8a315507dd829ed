import { describe, expect, it } from 'vitest';
import { ActivityError, parseTeamsActivity, stripMentions } from '../../../src/channels/teams/activity.js';
import { teamsFixture } from './fixtures.js';

const BOT = '28:7c1e5d4a-0000-4000-8000-00000000b07a';

describe('parseTeamsActivity', () => {
  it('reads a personal message as a message with a reference to reply through', () => {
    const parsed = parseTeamsActivity(teamsFixture('personal-message'));
    expect(parsed.event).toEqual({ kind: 'message', text: 'Hi, our emails to Gmail keep coming back with 421 try again later' });
    expect(parsed.conversationKey).toBe('msteams:a:1T9wXk3Lm7Qp2Rz8Vb4Nc6Yh0Jd5Fg1Ks3Ae9Uo7Iq2Wl4Ex6Tr8Cy0Bv');
    expect(parsed.ref).toEqual({
      channel: 'msteams',
      conversationId: 'a:1T9wXk3Lm7Qp2Rz8Vb4Nc6Yh0Jd5Fg1Ks3Ae9Uo7Iq2Wl4Ex6Tr8Cy0Bv',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      userId: '29:1q8Zt3cVj0bN4xJtY2kW6rL9pH5sD7fG3aE1uI0oK2mB4nC6vX8zQ',
      userName: 'Thandi Nkosi',
      botId: BOT,
      tenantId: 'b3e7a1d9-6c24-4f85-9e0b-71d2c8f4a6e3',
    });
  });

  it('strips the @mention from a channel post and keys the conversation by its thread', () => {
    const parsed = parseTeamsActivity(teamsFixture('channel-mention'));
    expect(parsed.event).toEqual({ kind: 'message', text: 'mail to outlook.com is deferred with 421 4.7.0 since this morning' });
    expect(parsed.conversationKey).toBe('msteams:19:c0a4e2f6b8d1493f8e6a2c5b7d9f1e3a@thread.tacv2;messageid=1764494441208');
  });

  it('ignores group chat and channel messages that do not mention the bot', () => {
    expect(parseTeamsActivity(teamsFixture('group-chat-no-mention')).event.kind).toBe('ignored');
    const unmentioned = teamsFixture('channel-mention', { entities: [], text: 'thanks all' });
    expect(parseTeamsActivity(unmentioned).event.kind).toBe('ignored');
    const otherMention = teamsFixture('channel-mention', {
      entities: [{ type: 'mention', mentioned: { id: '29:someone', name: 'Pieter' }, text: '<at>Pieter</at>' }],
    });
    expect(parseTeamsActivity(otherMention).event.kind).toBe('ignored');
  });

  it('reads a card submit as the chosen answer and the card to update, even in a channel without a mention', () => {
    expect(parseTeamsActivity(teamsFixture('card-submit')).event).toEqual({
      kind: 'choice',
      answer: {
        stepId: 'check_sending_volume',
        choice: 'yes',
        label: 'Yes, we send bulk mail',
        question: 'Do you send newsletters or other bulk mail from this domain?',
      },
      cardActivityId: '1764493925007',
    });
    const inChannel = teamsFixture('card-submit', { conversation: { id: '19:x@thread.tacv2;messageid=1', conversationType: 'channel' } });
    expect(parseTeamsActivity(inChannel).event.kind).toBe('choice');
  });

  it('ignores card submits that are not one of our choices', () => {
    expect(parseTeamsActivity(teamsFixture('card-submit', { value: { action: 'something-else' } })).event.kind).toBe('ignored');
  });

  it('welcomes when the bot is added or installed, not when someone else joins', () => {
    expect(parseTeamsActivity(teamsFixture('bot-added-to-team')).event).toEqual({ kind: 'welcome' });
    expect(parseTeamsActivity(teamsFixture('installation-add')).event).toEqual({ kind: 'welcome' });
    const userJoined = teamsFixture('bot-added-to-team', { membersAdded: [{ id: '29:new-colleague' }] });
    expect(parseTeamsActivity(userJoined).event.kind).toBe('ignored');
    expect(parseTeamsActivity(teamsFixture('installation-add', { action: 'remove' })).event.kind).toBe('ignored');
  });

  it('ignores typing, reactions and messages with no text left', () => {
    expect(parseTeamsActivity(teamsFixture('personal-message', { type: 'typing' })).event.kind).toBe('ignored');
    expect(parseTeamsActivity(teamsFixture('personal-message', { type: 'messageReaction' })).event.kind).toBe('ignored');
    expect(parseTeamsActivity(teamsFixture('personal-message', { text: '  ' })).event.kind).toBe('ignored');
  });

  it('names the bad field of an invalid activity', () => {
    expect(() => parseTeamsActivity({})).toThrow(ActivityError);
    expect(() => parseTeamsActivity(teamsFixture('personal-message', { serviceUrl: 'not a url' }))).toThrow(/serviceUrl/);
    expect(() => parseTeamsActivity(teamsFixture('personal-message', { conversation: {} }))).toThrow(/conversation\.id/);
    expect(() => parseTeamsActivity(teamsFixture('personal-message', { channelId: 'slack' }))).toThrow(/msteams/);
  });
});

describe('stripMentions', () => {
  it('removes each mention and the HTML spacing Teams adds around it', () => {
    expect(stripMentions('<at>Softbounce</at>&nbsp;is gmail down?\n', ['<at>Softbounce</at>'])).toBe('is gmail down?');
    expect(stripMentions('<p><at>Soft bounce</at> hi <at>Soft bounce</at></p>', ['<at>Soft bounce</at>'])).toBe('hi');
  });
});
