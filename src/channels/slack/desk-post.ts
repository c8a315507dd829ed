/**
 * The Slack agents' channel as a desk: each escalated case is posted there with its controls (the handoff
 * target), and what happens to the case afterwards reaches it (the desk courier): the customer's messages and
 * the bot's replies in the case's thread, and the case message redrawn after each agent action.
 */
import type { Config } from '../../config.js';
import type { DeskPayload } from '../../conversation/writes.js';
import type { CasePacket } from '../../handoff/case-packet.js';
import { caseHeader, caseStatus, findCase, linkCase } from '../../handoff/desk.js';
import type { Courier } from '../../handoff/outbox.js';
import { TargetError, type HandoffTarget } from '../../handoff/targets.js';
import type { ConversationRef, Store } from '../../store/types.js';
import type { SlackApi } from './api.js';
import { actionLine, caseMessage, threadText } from './desk-view.js';

/** Transcript lines posted with a new case: enough to act on without opening anything. */
const RECENT_LINES = 12;
/** A line longer than this is cut in the thread (a pasted bounce); the whole text stays in the transcript. */
const LINE_MAX = 600;

/** What the desk needs: the Web API, the store (links, conversations), the agents' channel and the app's address. */
export interface SlackDeskDeps {
  api: SlackApi;
  store: Pick<Store, 'getConversation' | 'getLink' | 'putLink'>;
  channel: string;
  config: Pick<Config, 'PUBLIC_URL' | 'PORT'>;
}

/** Where an agent can read the whole conversation: the customer's own Slack thread, or the agents API. */
async function conversationLink(deps: SlackDeskDeps, packet: CasePacket, ref: ConversationRef): Promise<string> {
  if (ref.channel === 'slack' && ref.threadTs) return deps.api.permalink(ref.conversationId, ref.threadTs);
  const base = deps.config.PUBLIC_URL ?? `http://localhost:${deps.config.PORT}`;
  return new URL(`/api/agents/conversations/${encodeURIComponent(packet.conversation.id)}`, base).toString();
}

/** Posts a case with its controls and the conversation so far, and links the message to the conversation. */
export function slackCaseTarget(deps: SlackDeskDeps): HandoffTarget {
  return async (packet, ref) => {
    const conversationId = packet.conversation.id;
    const header = caseHeader(packet, await conversationLink(deps, packet, ref));
    const posted = await findCase(deps.store, 'slack', conversationId);
    // A retry after the message was posted and linked only posts the thread's opening lines again.
    let ts = posted?.header.escalatedAt === header.escalatedAt ? posted.message : undefined;
    if (ts === undefined) {
      const record = await deps.store.getConversation(conversationId);
      const status = record ? caseStatus(record.state) : { kind: 'queued' as const };
      ts = await deps.api.postMessage(caseMessage(deps.channel, header, status));
      await linkCase(deps.store, 'slack', conversationId, { conversation: deps.channel, message: ts, header }, `${deps.channel}:${ts}`);
    }
    const recent = packet.transcript.slice(-RECENT_LINES).map((line) => ({ ...line, text: cut(line.text) }));
    if (recent.length > 0) await deps.api.postMessage({ channel: deps.channel, thread_ts: ts, text: threadText(recent, '*The conversation so far:*') });
  };
}

/** Shows a turn on the case: its lines in the thread, and the case message redrawn after an agent's action. */
export function slackDeskCourier(deps: SlackDeskDeps): Courier {
  return async (delivery) => {
    const place = await findCase(deps.store, 'slack', delivery.conversationId);
    if (!place) throw new TargetError('the case message is not in the agents channel yet');
    const { lines, action } = delivery.payload as DeskPayload;
    const parts = [...(action ? [actionLine(action)] : []), ...(lines.length > 0 ? [threadText(lines.map((l) => ({ ...l, text: cut(l.text) })))] : [])];
    if (parts.length > 0) await deps.api.postMessage({ channel: place.conversation, thread_ts: place.message, text: parts.join('\n') });
    if (!action) return;
    const record = await deps.store.getConversation(delivery.conversationId);
    if (record) await deps.api.update({ ...caseMessage(place.conversation, place.header, caseStatus(record.state)), ts: place.message });
  };
}

function cut(text: string): string {
  return text.length <= LINE_MAX ? text : `${text.slice(0, LINE_MAX - 1)}…`;
}
