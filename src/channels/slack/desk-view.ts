/**
 * A case as Slack shows it in the agents' channel: the summary, where the case stands, and the controls
 * (Take it, Hand back to the bot at a check, Close); and the lines posted in the case's thread.
 */
import type { AgentAction, TranscriptEntry } from '../../core/types.js';
import { deskChecks, shortDuration, speaker, type CaseHeader, type CaseStatus } from '../../handoff/desk.js';
import { toMrkdwn } from './render.js';

/** Action ids of the case message's controls. */
export const DESK_ACTIONS = { take: 'desk:take', handBack: 'desk:handback', close: 'desk:close' } as const;

/** Slack caps a section's text at 3,000 characters; the thread's lines stay well under it. */
const SECTION_MAX = 2900;

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 16);

function statusLine(status: CaseStatus, header: CaseHeader): string {
  switch (status.kind) {
    case 'queued':
      return `:hourglass_flowing_sand: Waiting for an agent since ${clock(header.escalatedAt)} UTC`;
    case 'taken':
      return `:raising_hand: *${escape(status.by)}* has this case (taken at ${clock(status.at)} UTC). Reply in this thread to write to the customer.`;
    case 'with_bot':
      return status.check
        ? `:robot_face: Back with the bot at check ${status.check}: ${escape(status.title ?? '')}`
        : ':robot_face: Back with the bot';
    case 'closed':
      return ':white_check_mark: Closed as resolved';
  }
}

/** The controls for a case in this standing: an open case can be handed back or closed; any case can be (re)taken. */
function controls(status: CaseStatus): unknown[] {
  const open = status.kind === 'queued' || status.kind === 'taken';
  const take = {
    type: 'button',
    action_id: DESK_ACTIONS.take,
    text: { type: 'plain_text', text: status.kind === 'taken' ? 'Take over' : open ? 'Take it' : 'Take it again' },
    value: 'take',
    ...(status.kind === 'taken' ? {} : { style: 'primary' }),
    ...(status.kind === 'taken'
      ? { confirm: confirm('Take over this case?', `${status.by} has it now; the customer's replies will come to you.`, 'Take over') }
      : {}),
  };
  if (!open) return [take];
  const handBack = {
    type: 'static_select',
    action_id: DESK_ACTIONS.handBack,
    placeholder: { type: 'plain_text', text: 'Hand back to the bot at…' },
    options: deskChecks().map((check, i) => ({
      text: { type: 'plain_text', text: truncate(`${i + 1}. ${check.title}`, 75) },
      value: check.stepId,
    })),
  };
  const close = {
    type: 'button',
    action_id: DESK_ACTIONS.close,
    text: { type: 'plain_text', text: 'Close' },
    value: 'close',
    style: 'danger',
    confirm: confirm('Close this case as resolved?', 'The customer is told the bot is there for any new problem.', 'Close'),
  };
  return [take, handBack, close];
}

function confirm(title: string, text: string, yes: string): object {
  return { title: { type: 'plain_text', text: title }, text: { type: 'plain_text', text }, confirm: { type: 'plain_text', text: yes }, deny: { type: 'plain_text', text: 'Cancel' } };
}

/** The case message (for `chat.postMessage` and every `chat.update` after it). */
export function caseMessage(channel: string, header: CaseHeader, status: CaseStatus): { channel: string; text: string; blocks: unknown[] } {
  const fallback = `Case (${header.reason}): ${header.summary}`;
  return {
    channel,
    text: fallback,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*Case* (${escape(header.reason)})\n${escape(header.summary)}` } },
      {
        type: 'context',
        elements: [{
          type: 'mrkdwn',
          text: `Customer: ${escape(header.customer)} on ${header.channel} · Codes: ${escape(header.codes)} · Variation: ${escape(header.variation)} · <${header.link}|Open the conversation>`,
        }],
      },
      { type: 'section', block_id: 'desk:status', text: { type: 'mrkdwn', text: statusLine(status, header) } },
      { type: 'actions', block_id: 'desk:actions', elements: controls(status) },
    ],
  };
}

/** What an agent's action reads like in the thread. */
export function actionLine(action: AgentAction): string {
  const who = action.by ? escape(action.by) : 'An agent';
  const waited = action.waitedMs !== undefined ? ` after ${shortDuration(action.waitedMs)} in the queue` : '';
  switch (action.type) {
    case 'taken':
      return `_${who} took the case${waited}._`;
    case 'replied':
      return `_${who} replied${waited}._`;
    case 'handed_back': {
      const title = action.check ? deskChecks()[action.check - 1]?.title : undefined;
      return `_${who} handed the case back to the bot${action.check ? ` at check ${action.check}${title ? `: ${escape(title)}` : ''}` : ''}._`;
    }
    case 'closed':
      return `_${who} closed the case as resolved._`;
  }
}

/** Transcript lines as one thread message: who said what, each on its own line. */
export function threadText(lines: TranscriptEntry[], heading?: string): string {
  const body = lines.map((line) => `*${speaker(line)}:* ${toMrkdwn(line.text)}`);
  return truncate([...(heading ? [heading] : []), ...body].join('\n'), SECTION_MAX);
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
