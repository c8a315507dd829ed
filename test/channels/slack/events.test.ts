import { describe, expect, it } from 'vitest';
import { parseSlackEvent, SlackPayloadError } from '../../../src/channels/slack/events.js';
import { slackFixture } from './slack-fakes.js';

type Body = { event: Record<string, unknown> } & Record<string, unknown>;

describe('parseSlackEvent', () => {
  it('answers url_verification with its challenge', () => {
    expect(parseSlackEvent(slackFixture('url-verification'))).toEqual({
      kind: 'challenge',
      challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
    });
  });

  it('reads a channel mention as a message in a new thread rooted at the mention, without the mention', () => {
    expect(parseSlackEvent(slackFixture('app-mention-channel'))).toEqual({
      kind: 'message',
      text: 'our mail to gmail.com keeps coming back with 421 4.7.0 try again later',
      needsThread: false,
      dedupeKey: 'slack:msg:C06SUPPORT:1764494441.208309',
      conversationKey: 'slack:T04HOSTCO:C06SUPPORT:1764494441.208309',
      ref: { channel: 'slack', conversationId: 'C06SUPPORT', userId: 'U05THANDI', tenantId: 'T04HOSTCO', threadTs: '1764494441.208309', botId: 'U07SOFTBOT' },
    });
  });

  it('gives the message copy of a mention the same dedupe key and conversation as the app_mention', () => {
    const mention = parseSlackEvent(slackFixture('app-mention-channel'));
    const copy = parseSlackEvent(slackFixture('message-channel-mention'));
    expect(copy).toEqual(mention);
  });

  it('keeps a thread reply in the thread conversation and marks it as needing an existing thread', () => {
    expect(parseSlackEvent(slackFixture('message-thread-reply'))).toMatchObject({
      kind: 'message',
      text: 'it started around 8 this morning',
      needsThread: true,
      conversationKey: 'slack:T04HOSTCO:C06SUPPORT:1764494441.208309',
      ref: { threadTs: '1764494441.208309' },
    });
  });

  it('treats a DM as one conversation answered directly', () => {
    const event = parseSlackEvent(slackFixture('message-dm'));
    expect(event).toMatchObject({ kind: 'message', needsThread: false, conversationKey: 'slack:T04HOSTCO:D07PIETERDM' });
    expect(event.kind === 'message' ? event.ref.threadTs : 'not a message').toBeUndefined();
  });

  it('ignores bot messages, its own messages, edits and other event types', () => {
    expect(parseSlackEvent(slackFixture('message-from-bot')).kind).toBe('ignored');
    const own = slackFixture<Body>('message-dm');
    own.event = { ...own.event, user: 'U07SOFTBOT' };
    expect(parseSlackEvent(own)).toMatchObject({ kind: 'ignored', reason: expect.stringMatching(/itself/) });
    expect(parseSlackEvent(slackFixture('message-changed')).kind).toBe('ignored');
    const reaction = slackFixture<Body>('message-dm');
    reaction.event = { type: 'reaction_added', user: 'U05PIETER', reaction: 'thumbsup' };
    expect(parseSlackEvent(reaction).kind).toBe('ignored');
  });

  it('names the bad field of an invalid body', () => {
    expect(() => parseSlackEvent({ type: 'event_callback' })).toThrow(SlackPayloadError);
    expect(() => parseSlackEvent({ type: 'url_verification' })).toThrow(/challenge/);
    expect(() => parseSlackEvent({ type: 'mystery' })).toThrow(/type/);
    expect(() => parseSlackEvent([])).toThrow(SlackPayloadError);
  });
});
