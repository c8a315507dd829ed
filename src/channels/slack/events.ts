/**
 * Reads an Events API body into a small tagged union. In channels one thread is one conversation (keyed by
 * the thread's root `ts`); a DM is one conversation and is answered directly.
 */
import * as z from 'zod';
import type { ConversationRef } from '../../store/types.js';

const eventSchema = z
  .object({
    type: z.string(),
    subtype: z.string().optional(),
    user: z.string().optional(),
    bot_id: z.string().optional(),
    text: z.string().optional(),
    ts: z.string().optional(),
    thread_ts: z.string().optional(),
    channel: z.string().optional(),
    channel_type: z.string().optional(),
  })
  .loose();

const bodySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('url_verification'), challenge: z.string().min(1) }),
  z.object({
    type: z.literal('event_callback'),
    team_id: z.string().min(1),
    event_id: z.string().min(1),
    event: eventSchema,
    authorizations: z.array(z.object({ user_id: z.string().optional() }).loose()).optional(),
  }),
]);

/** A user message addressed to the bot, with where to answer it. */
export interface SlackUserMessage {
  kind: 'message';
  text: string;
  /** Channel message that does not mention the bot: answered only inside a thread the bot already serves. */
  needsThread: boolean;
  /** Identifies the message across retries and the app_mention + message double delivery. */
  dedupeKey: string;
  conversationKey: string;
  ref: ConversationRef;
}

/** What the bot should do about one Events API body. */
export type SlackEvent =
  | { kind: 'challenge'; challenge: string }
  | SlackUserMessage
  | { kind: 'ignored'; reason: string };

/** A signed body that is not a usable Slack payload; the message names the field. */
export class SlackPayloadError extends Error {
  readonly code = 'invalid_slack_payload';
}

/** The engine's conversation id for a Slack channel and (outside DMs) thread root. */
export function slackConversationKey(teamId: string, channel: string, threadTs?: string): string {
  return threadTs ? `slack:${teamId}:${channel}:${threadTs}` : `slack:${teamId}:${channel}`;
}

/** Validates an Events API body; throws SlackPayloadError naming the first bad field. */
export function parseSlackEvent(body: unknown): SlackEvent {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SlackPayloadError(`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid Events API body'}`);
  }
  const data = parsed.data;
  if (data.type === 'url_verification') return { kind: 'challenge', challenge: data.challenge };

  const event = data.event;
  const botUserId = data.authorizations?.find((a) => a.user_id)?.user_id;
  if (event.type !== 'message' && event.type !== 'app_mention') return { kind: 'ignored', reason: `event type ${event.type}` };
  if (event.bot_id || event.subtype === 'bot_message') return { kind: 'ignored', reason: 'message from a bot' };
  if (event.subtype) return { kind: 'ignored', reason: `message subtype ${event.subtype}` };
  if (!event.user || !event.channel || !event.ts) return { kind: 'ignored', reason: 'message without user, channel or ts' };
  if (botUserId && event.user === botUserId) return { kind: 'ignored', reason: 'message from the bot itself' };

  const direct = event.channel_type === 'im';
  const mentioned = event.type === 'app_mention' || (botUserId !== undefined && (event.text ?? '').includes(`<@${botUserId}>`));
  const text = stripMention(event.text ?? '', event.type === 'app_mention' ? undefined : botUserId);
  if (text === '') return { kind: 'ignored', reason: 'empty message' };

  const threadTs = direct ? undefined : (event.thread_ts ?? event.ts);
  const ref: ConversationRef = { channel: 'slack', conversationId: event.channel, userId: event.user, tenantId: data.team_id };
  if (threadTs) ref.threadTs = threadTs;
  if (botUserId) ref.botId = botUserId;
  return {
    kind: 'message',
    text,
    needsThread: !direct && !mentioned,
    dedupeKey: `slack:msg:${event.channel}:${event.ts}`,
    conversationKey: slackConversationKey(data.team_id, event.channel, threadTs),
    ref,
  };
}

/** Drops the bot's `<@U…>` mention; for app_mention (bot id maybe unknown) any leading mention. */
function stripMention(text: string, botUserId: string | undefined): string {
  const cleaned = botUserId ? text.split(`<@${botUserId}>`).join(' ') : text.replace(/^\s*<@[A-Z0-9]+(\|[^>]*)?>/, ' ');
  return cleaned.replace(/\s+/g, ' ').trim();
}
