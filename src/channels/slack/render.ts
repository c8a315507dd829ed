/**
 * Engine outputs as Slack messages: mrkdwn text for `say`, a section plus Block Kit buttons for `ask`, and the
 * answered version (question, choice taken, no buttons) for `chat.update`.
 */
import type { Choice, Output } from '../../core/types.js';
import type { SlackMessage } from './api.js';

/** Slack caps button text at 75 characters and an actions block at 25 elements. */
const BUTTON_TEXT_MAX = 75;
const BUTTONS_MAX = 25;

/** Where messages go: the channel and, outside DMs, the conversation's thread. */
export interface SlackTarget {
  channel: string;
  threadTs?: string;
}

/** One message per output the user should see; bookkeeping outputs render to nothing. */
export function renderSlackOutputs(outputs: Output[], target: SlackTarget): SlackMessage[] {
  const messages: SlackMessage[] = [];
  for (const output of outputs) {
    if (output.kind === 'say') messages.push(message(target, toMrkdwn(output.text)));
    if (output.kind === 'ask') messages.push(askMessage(target, output.stepId, output.text, output.choices));
  }
  return messages;
}

function message(target: SlackTarget, text: string, blocks?: unknown[]): SlackMessage {
  const result: SlackMessage = { channel: target.channel, text };
  if (target.threadTs) result.thread_ts = target.threadTs;
  if (blocks) result.blocks = blocks;
  return result;
}

function askMessage(target: SlackTarget, stepId: string, text: string, choices: Choice[]): SlackMessage {
  const body = toMrkdwn(text);
  if (choices.length === 0) return message(target, body);
  const buttons = choices.slice(0, BUTTONS_MAX).map((choice) => ({
    type: 'button',
    text: { type: 'plain_text', text: truncate(choice.label, BUTTON_TEXT_MAX) },
    action_id: `choice:${choice.id}`,
    value: JSON.stringify({ step: stepId, choice: choice.id }),
  }));
  return message(target, body, [
    { type: 'section', text: { type: 'mrkdwn', text: body } },
    { type: 'actions', block_id: `ask:${stepId}`, elements: buttons },
  ]);
}

/** The question with the choice taken and who took it, replacing the buttons. */
export function renderAnsweredMessage(channel: string, ts: string, question: string, label: string, userId: string): SlackMessage & { ts: string } {
  const blocks: unknown[] = [];
  if (question) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: question } });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `✔ *${escapeText(label)}* (<@${userId}>)` }] });
  return { channel, ts, text: question || label, blocks };
}

/** Converts the engine's Markdown (`**bold**`, `[label](url)`) to Slack mrkdwn, escaping `& < >` first. */
export function toMrkdwn(text: string): string {
  return escapeText(text)
    .replace(/\*\*(.+?)\*\*/g, '*$1*')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '<$2|$1>');
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
