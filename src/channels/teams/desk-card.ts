/**
 * A case as Teams shows it in the agents' channel: an Adaptive Card with the summary, where the case stands,
 * the check to hand back at, and the actions. Actions are `Action.Execute` (the card is replaced in place by the
 * invoke's answer) with an `Action.Submit` fallback for clients without Universal Actions.
 */
import type { AgentAction, TranscriptEntry } from '../../core/types.js';
import { deskChecks, shortDuration, speaker, type CaseHeader, type CaseStatus } from '../../handoff/desk.js';
import type { OutgoingActivity } from './render.js';

export const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

/** The actions the card's buttons carry in `data.softbounceDesk.action`. */
export type DeskVerb = 'take' | 'handback' | 'close';

/** The id of the card's "hand back at" choice; Teams merges its value into the action's data under this name. */
export const RESUME_INPUT = 'resumeAt';

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 16);

function statusText(status: CaseStatus, header: CaseHeader): string {
  switch (status.kind) {
    case 'queued':
      return `⏳ Waiting for an agent since ${clock(header.escalatedAt)} UTC`;
    case 'taken':
      return `🙋 ${status.by} has this case (taken at ${clock(status.at)} UTC). Reply in this thread to write to the customer.`;
    case 'with_bot':
      return status.check ? `🤖 Back with the bot at check ${status.check}: ${status.title ?? ''}` : '🤖 Back with the bot';
    case 'closed':
      return '✅ Closed as resolved';
  }
}

function action(verb: DeskVerb, title: string, conversationId: string, style?: 'positive' | 'destructive'): Record<string, unknown> {
  const data = { softbounceDesk: { action: verb, conversationId } };
  return {
    type: 'Action.Execute',
    title,
    verb: `desk.${verb}`,
    data,
    ...(style ? { style } : {}),
    fallback: { type: 'Action.Submit', title, data },
  };
}

/** The case card for `conversationId` in its current standing; `resumeAt` preselects the check to hand back at. */
export function caseCard(conversationId: string, header: CaseHeader, status: CaseStatus, resumeAt?: string): Record<string, unknown> {
  const open = status.kind === 'queued' || status.kind === 'taken';
  const checks = deskChecks();
  const body: Record<string, unknown>[] = [
    { type: 'TextBlock', text: `Case (${header.reason})`, weight: 'Bolder', size: 'Medium' },
    { type: 'TextBlock', text: header.summary, wrap: true },
    {
      type: 'FactSet',
      facts: [
        { title: 'Customer', value: `${header.customer} on ${header.channel}` },
        { title: 'Codes', value: header.codes },
        { title: 'Variation', value: header.variation },
      ],
    },
    { type: 'TextBlock', text: statusText(status, header), wrap: true, weight: 'Bolder' },
  ];
  if (open) {
    body.push({
      type: 'Input.ChoiceSet',
      id: RESUME_INPUT,
      label: 'Hand back to the bot at',
      style: 'compact',
      value: resumeAt ?? checks[0]?.stepId ?? '',
      choices: checks.map((check, i) => ({ title: `${i + 1}. ${check.title}`, value: check.stepId })),
    });
  }
  const take = action('take', status.kind === 'taken' ? 'Take over' : open ? 'Take it' : 'Take it again', conversationId, 'positive');
  const actions = open
    ? [take, action('handback', 'Hand back to the bot', conversationId), action('close', 'Close', conversationId, 'destructive')]
    : [take];
  actions.push({ type: 'Action.OpenUrl', title: 'Open the conversation', url: header.link });
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, actions };
}

/** The card as a message activity. */
export function cardActivity(card: Record<string, unknown>): OutgoingActivity {
  return { type: 'message', attachments: [{ contentType: CARD_TYPE, content: card }] };
}

/** What an agent's action reads like in the thread. */
export function actionText(action: AgentAction): string {
  const who = action.by ?? 'An agent';
  const waited = action.waitedMs !== undefined ? ` after ${shortDuration(action.waitedMs)} in the queue` : '';
  if (action.type === 'taken') return `_${who} took the case${waited}._`;
  if (action.type === 'closed') return `_${who} closed the case as resolved._`;
  if (action.type === 'replied') return `_${who} replied${waited}._`;
  const title = action.check ? deskChecks()[action.check - 1]?.title : undefined;
  return `_${who} handed the case back to the bot${action.check ? ` at check ${action.check}${title ? `: ${title}` : ''}` : ''}._`;
}

/** Transcript lines as one thread message (Markdown, a paragraph per line). */
export function threadMessage(lines: TranscriptEntry[], heading?: string): OutgoingActivity {
  const text = [...(heading ? [heading] : []), ...lines.map((line) => `**${speaker(line)}:** ${line.text}`)].join('\n\n');
  return { type: 'message', text, textFormat: 'markdown' };
}
