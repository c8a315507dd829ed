/** Reads a Slack interactivity payload: a click on one of our choice buttons, or on a case's desk controls. */
import * as z from 'zod';
import type { ConversationRef } from '../../store/types.js';
import { slackConversationKey, SlackPayloadError } from './events.js';

/** What our choice buttons carry in `value`. */
const buttonValueSchema = z.object({ step: z.string().min(1), choice: z.string().min(1) });

const payloadSchema = z
  .object({
    type: z.string(),
    user: z.object({ id: z.string().min(1) }).loose(),
    team: z.object({ id: z.string().min(1) }).loose().nullable().optional(),
    channel: z.object({ id: z.string().min(1) }).loose().optional(),
    message: z.object({ ts: z.string().min(1), thread_ts: z.string().optional(), text: z.string().optional() }).loose().optional(),
    actions: z
      .array(
        z.object({
          action_id: z.string(),
          value: z.string().optional(),
          text: z.object({ text: z.string() }).loose().optional(),
          selected_option: z.object({ value: z.string() }).loose().optional(),
        }).loose(),
      )
      .optional(),
  })
  .loose();

/** A clicked choice with the message to update and the conversation it answers. */
export interface SlackChoiceClick {
  kind: 'choice';
  stepId: string;
  choice: string;
  label: string;
  /** The question as sent (the message's fallback text), to redraw the answered message. */
  question: string;
  channel: string;
  messageTs: string;
  threadTs?: string;
  conversationKey: string;
  ref: ConversationRef;
}

/** A click on a case's controls in the agents' channel (see desk-view.ts). */
export interface SlackDeskClick {
  kind: 'desk';
  action: 'take' | 'handback' | 'close';
  /** The check picked in "Hand back to the bot at…". */
  resumeAt?: string;
  userId: string;
  channel: string;
  /** The case message's ts: its thread leads to the conversation. */
  messageTs: string;
}

/** A choice click, a desk click, or an interaction the bot does not act on. */
export type SlackInteraction = SlackChoiceClick | SlackDeskClick | { kind: 'ignored'; reason: string };

const DESK_ACTION = /^desk:(take|handback|close)$/;

/** Parses the form field `payload`; throws SlackPayloadError when it is not a usable interaction. */
export function parseSlackInteraction(payloadText: string | undefined): SlackInteraction {
  if (!payloadText) throw new SlackPayloadError('payload: form field is required (application/x-www-form-urlencoded)');
  let json: unknown;
  try {
    json = JSON.parse(payloadText);
  } catch {
    throw new SlackPayloadError('payload: must be JSON');
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SlackPayloadError(`payload.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid interaction'}`);
  }
  const payload = parsed.data;
  if (payload.type !== 'block_actions') return { kind: 'ignored', reason: `interaction type ${payload.type}` };
  const action = payload.actions?.[0];
  if (!action || !payload.channel || !payload.message) return { kind: 'ignored', reason: 'block action without a message' };
  const desk = DESK_ACTION.exec(action.action_id)?.[1] as SlackDeskClick['action'] | undefined;
  if (desk) {
    const click: SlackDeskClick = { kind: 'desk', action: desk, userId: payload.user.id, channel: payload.channel.id, messageTs: payload.message.ts };
    if (desk === 'handback') {
      if (!action.selected_option) throw new SlackPayloadError('payload.actions.0.selected_option: a hand-back names the check to resume at');
      click.resumeAt = action.selected_option.value;
    }
    return click;
  }
  let value: unknown;
  try {
    value = JSON.parse(action.value ?? '');
  } catch {
    return { kind: 'ignored', reason: 'button that is not one of our choices' };
  }
  const button = buttonValueSchema.safeParse(value);
  if (!button.success) return { kind: 'ignored', reason: 'button that is not one of our choices' };

  const teamId = payload.team?.id ?? '';
  const channel = payload.channel.id;
  // The bot posts every channel reply in a thread and DMs without one, so a thread here means a channel conversation.
  const threadTs = payload.message.thread_ts;
  const ref: ConversationRef = { channel: 'slack', conversationId: channel, userId: payload.user.id, tenantId: teamId };
  if (threadTs) ref.threadTs = threadTs;
  const click: SlackChoiceClick = {
    kind: 'choice',
    stepId: button.data.step,
    choice: button.data.choice,
    label: action.text?.text ?? button.data.choice,
    question: payload.message.text ?? '',
    channel,
    messageTs: payload.message.ts,
    conversationKey: slackConversationKey(teamId, channel, threadTs),
    ref,
  };
  if (threadTs) click.threadTs = threadTs;
  return click;
}
