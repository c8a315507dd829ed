/**
 * The agents' desk: where a case lives in an agents' channel (Slack or Teams) and what its message shows.
 * Two links tie a case message to its conversation: the conversation's case (to update the message and post in
 * its thread) and the thread (to relay an agent's replies to the right customer).
 */
import { engineFunnelSteps } from '../analytics/report.js';
import type { ConversationState, TranscriptEntry } from '../core/types.js';
import type { Store } from '../store/types.js';
import type { CasePacket } from './case-packet.js';

/** The two agents' desks. */
export type DeskName = 'slack' | 'msteams';

/** The delivery target of what a turn shows a desk (see conversation/writes.ts). */
export const deskTarget = (desk: DeskName): string => `desk:${desk}`;

/** What a case message says about the case itself; fixed when the case is posted. */
export interface CaseHeader {
  summary: string;
  reason: string;
  codes: string;
  variation: string;
  customer: string;
  channel: string;
  /** Where the agent can read the whole conversation (the customer's Slack thread, or the agents API). */
  link: string;
  escalatedAt: number;
}

/** Where the case message is on its desk, and its header for redrawing it. */
export interface CasePlace {
  /** Slack: the channel id; Teams: the case thread's conversation id. */
  conversation: string;
  /** Slack: the message ts; Teams: the card's activity id. */
  message: string;
  /** Teams: the Bot Connector URL of the agents' team. */
  serviceUrl?: string;
  header: CaseHeader;
}

const caseKey = (desk: DeskName, conversationId: string) => `desk:${desk}:case:${conversationId}`;
const threadKey = (desk: DeskName, thread: string) => `desk:${desk}:thread:${thread}`;

/** Records a posted case message: the conversation's case, and the thread that leads back to it. */
export async function linkCase(store: Pick<Store, 'putLink'>, desk: DeskName, conversationId: string, place: CasePlace, thread: string): Promise<void> {
  await store.putLink(caseKey(desk, conversationId), conversationId, JSON.stringify(place));
  await store.putLink(threadKey(desk, thread), conversationId, '{}');
}

/** The conversation's case message on `desk`, if it was posted. */
export async function findCase(store: Pick<Store, 'getLink'>, desk: DeskName, conversationId: string): Promise<CasePlace | undefined> {
  const link = await store.getLink(caseKey(desk, conversationId));
  return link && (JSON.parse(link.value) as CasePlace);
}

/** The conversation whose case thread `thread` is, if it is one. */
export async function conversationOfThread(store: Pick<Store, 'getLink'>, desk: DeskName, thread: string): Promise<string | undefined> {
  return (await store.getLink(threadKey(desk, thread)))?.conversationId;
}

/** The header of a case packet. */
export function caseHeader(packet: CasePacket, link: string): CaseHeader {
  return {
    summary: packet.summary,
    reason: packet.reason.replace(/_/g, ' '),
    codes: [packet.codes.replyCode, packet.codes.enhancedStatus].filter(Boolean).join(' ') || 'no code given',
    variation: packet.variation ?? 'unknown',
    customer: packet.user.name ?? packet.user.id ?? 'unknown',
    channel: packet.conversation.channel,
    link,
    escalatedAt: Date.parse(packet.times.escalatedAt),
  };
}

/** Where a case stands, as its message shows it. */
export type CaseStatus =
  | { kind: 'queued' }
  | { kind: 'taken'; by: string; at: number }
  | { kind: 'with_bot'; check?: number; title?: string }
  | { kind: 'closed' };

/** Reads the case's standing from the conversation's state. */
export function caseStatus(state: ConversationState): CaseStatus {
  if (state.handler === 'human') return { kind: 'taken', by: state.agent?.name ?? 'an agent', at: state.agent?.takenAt ?? state.updatedAt };
  if (state.status === 'escalated') return { kind: 'queued' };
  if (state.status === 'resolved') return { kind: 'closed' };
  const checks = deskChecks();
  const index = checks.findIndex((c) => c.stepId === state.stepId || c.stepId === state.trail.at(-1));
  return index >= 0 ? { kind: 'with_bot', check: index + 1, title: checks[index]!.title } : { kind: 'with_bot' };
}

/** The numbered checks an agent can hand back at, in order. */
export function deskChecks(): { stepId: string; title: string }[] {
  const steps = engineFunnelSteps();
  return steps.checks.filter((c) => c.flowId === steps.checks[0]?.flowId).map(({ stepId, title }) => ({ stepId, title }));
}

/** The first check whose answer the conversation does not have yet: where the bot would pick up. */
export function firstOpenCheck(state: ConversationState): string | undefined {
  const answered = new Set(state.answers.map((a) => a.stepId));
  return deskChecks().find((c) => !answered.has(c.stepId))?.stepId;
}

/** A transcript line as an agent reads it in the case thread. */
export function speaker(line: TranscriptEntry): string {
  return { user: 'Customer', bot: 'Bot', agent: 'Agent', system: 'Note' }[line.from];
}

/** Minutes and seconds, short, for "waited 3 min". */
export function shortDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 90) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? `${minutes} min` : `${(minutes / 60).toFixed(1)} h`;
}
