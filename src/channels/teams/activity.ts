/**
 * Reads a Bot Framework activity from Teams into a small tagged union the routes act on.
 * Group chats and channels are shared rooms: a plain message there is addressed to the bot only when it
 * @mentions the bot, while a card click is always addressed to it (Teams sends no mention with `value`).
 */
import * as z from 'zod';
import type { ConversationRef } from '../../store/types.js';

const account = z.object({ id: z.string().min(1), name: z.string().optional(), aadObjectId: z.string().optional() });

const activitySchema = z.object({
  type: z.string().min(1),
  /** Set on `event` activities, e.g. `handoff.status`. */
  name: z.string().optional(),
  id: z.string().min(1),
  channelId: z.literal('msteams', { error: 'this endpoint serves Microsoft Teams only (channelId "msteams")' }),
  serviceUrl: z.url(),
  from: account,
  recipient: account,
  conversation: z.object({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    tenantId: z.string().optional(),
  }),
  text: z.string().optional(),
  value: z.unknown().optional(),
  replyToId: z.string().optional(),
  action: z.string().optional(),
  membersAdded: z.array(account).optional(),
  entities: z.array(z.object({ type: z.string(), mentioned: account.optional(), text: z.string().optional() }).loose()).optional(),
  channelData: z.object({ tenant: z.object({ id: z.string() }).optional() }).loose().optional(),
});

/** The activity fields the channel reads, validated. */
export type TeamsActivity = z.infer<typeof activitySchema>;

/** What the button data of our cards carries back in `activity.value`. */
export interface CardAnswer {
  stepId: string;
  choice: string;
  label: string;
  question?: string;
}

/** What the bot should do about one activity. */
export type TeamsEvent =
  | { kind: 'message'; text: string }
  | { kind: 'choice'; answer: CardAnswer; cardActivityId?: string }
  | { kind: 'welcome' }
  /** The agent hub's answer to our `handoff.initiate`: an agent took the case, finished it, or none could. */
  | { kind: 'handoff_status'; state: HandoffState; message?: string }
  | { kind: 'ignored'; reason: string };

/** The states a `handoff.status` event reports. */
export type HandoffState = 'accepted' | 'completed' | 'failed';

/** A validated activity with its event, reply reference and conversation key. */
export interface ParsedActivity {
  activity: TeamsActivity;
  ref: ConversationRef;
  /** The engine's conversation id: one Teams conversation (a channel thread carries its root in the id). */
  conversationKey: string;
  event: TeamsEvent;
}

/** The body is not a usable Teams activity; the message names the field. */
export class ActivityError extends Error {
  readonly code = 'invalid_activity';
}

const handoffStatusSchema = z.object({ state: z.enum(['accepted', 'completed', 'failed']), message: z.string().optional() }).loose();

const cardAnswerSchema = z.object({
  softbounce: z.object({ stepId: z.string().min(1), choice: z.string().min(1), label: z.string(), question: z.string().optional() }),
});

/** Validates the activity's shape and classifies it; throws ActivityError naming the first bad field. */
export function parseTeamsActivity(body: unknown): ParsedActivity {
  const parsed = activitySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'activity';
    throw new ActivityError(`${where}: ${issue?.message ?? 'invalid activity'}`);
  }
  const activity = parsed.data;
  const ref: ConversationRef = {
    channel: 'msteams',
    conversationId: activity.conversation.id,
    serviceUrl: activity.serviceUrl,
    userId: activity.from.id,
    botId: activity.recipient.id,
  };
  if (activity.from.name) ref.userName = activity.from.name;
  const tenantId = activity.conversation.tenantId ?? activity.channelData?.tenant?.id;
  if (tenantId) ref.tenantId = tenantId;
  return { activity, ref, conversationKey: `msteams:${activity.conversation.id}`, event: classify(activity) };
}

function classify(activity: TeamsActivity): TeamsEvent {
  const botId = activity.recipient.id;
  if (activity.type === 'conversationUpdate') {
    const added = activity.membersAdded?.some((member) => member.id === botId) ?? false;
    return added ? { kind: 'welcome' } : { kind: 'ignored', reason: 'conversation update without the bot joining' };
  }
  if (activity.type === 'installationUpdate') {
    return activity.action === 'add' ? { kind: 'welcome' } : { kind: 'ignored', reason: `installation ${activity.action ?? 'update'}` };
  }
  if (activity.type === 'event' && activity.name === 'handoff.status') {
    const status = handoffStatusSchema.safeParse(activity.value);
    if (!status.success) return { kind: 'ignored', reason: 'handoff.status without a known state' };
    const { state, message } = status.data;
    return message ? { kind: 'handoff_status', state, message } : { kind: 'handoff_status', state };
  }
  if (activity.type !== 'message') return { kind: 'ignored', reason: `activity type ${activity.type}` };
  if (activity.from.id === botId) return { kind: 'ignored', reason: 'message from the bot itself' };
  if (activity.value !== undefined) {
    const answer = cardAnswerSchema.safeParse(activity.value);
    if (!answer.success) return { kind: 'ignored', reason: 'card submit that is not one of our choices' };
    const event: TeamsEvent = { kind: 'choice', answer: answer.data.softbounce };
    if (activity.replyToId) event.cardActivityId = activity.replyToId;
    return event;
  }
  const shared = activity.conversation.conversationType !== undefined && activity.conversation.conversationType !== 'personal';
  const mentions = (activity.entities ?? []).filter((entity) => entity.type === 'mention' && entity.mentioned?.id === botId);
  if (shared && mentions.length === 0) return { kind: 'ignored', reason: 'not addressed to the bot in a shared conversation' };
  const text = stripMentions(activity.text ?? '', mentions.map((entity) => entity.text ?? ''));
  if (text === '') return { kind: 'ignored', reason: 'empty message' };
  return { kind: 'message', text };
}

/** Removes the bot's `<at>Name</at>` mentions and the HTML leftovers Teams puts around them. */
export function stripMentions(text: string, mentionTexts: string[]): string {
  let result = text;
  for (const mention of mentionTexts) if (mention) result = result.split(mention).join(' ');
  return result
    .replace(/&nbsp;/g, ' ')
    .replace(/<\/?(p|div|span)[^>]*>/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
