/**
 * The Teams agents' channel as a desk: each escalated case starts a thread there with its card (the handoff
 * target), and what happens to the case afterwards reaches it (the desk courier): the customer's messages and
 * the bot's replies in the thread, and the card redrawn for everyone after each agent action.
 */
import type { Config } from '../../config.js';
import type { DeskPayload } from '../../conversation/writes.js';
import type { CasePacket } from '../../handoff/case-packet.js';
import { caseHeader, caseStatus, findCase, firstOpenCheck, linkCase, type CasePlace } from '../../handoff/desk.js';
import type { Courier } from '../../handoff/outbox.js';
import { TargetError, type HandoffTarget } from '../../handoff/targets.js';
import type { Store } from '../../store/types.js';
import { startChannelThread, teamsConversation, type TeamsConversation, type TeamsCredentialSource } from './connector.js';
import { actionText, caseCard, cardActivity, threadMessage } from './desk-card.js';

/** Transcript lines posted with a new case. */
const RECENT_LINES = 12;
/** A line longer than this is cut in the thread; the whole text stays in the transcript. */
const LINE_MAX = 600;

/** What the desk needs: credentials, the store (links, conversations), the agents' channel and its service URL. */
export interface TeamsDeskDeps {
  credentials: TeamsCredentialSource;
  store: Pick<Store, 'getConversation' | 'getLink' | 'putLink'>;
  channel: string;
  serviceUrl: string;
  config: Pick<Config, 'PUBLIC_URL' | 'PORT' | 'MICROSOFT_APP_TENANT_ID'>;
}

const cut = (text: string) => (text.length <= LINE_MAX ? text : `${text.slice(0, LINE_MAX - 1)}…`);

/** The case thread as a conversation the bot can post in and whose card it can update. */
async function threadOf(deps: TeamsDeskDeps, place: CasePlace): Promise<TeamsConversation> {
  return teamsConversation(await deps.credentials(), { channel: 'msteams', conversationId: place.conversation, serviceUrl: place.serviceUrl ?? deps.serviceUrl });
}

/** Redraws the card from the conversation's current state. */
export async function currentCard(deps: { store: Pick<Store, 'getConversation'> }, conversationId: string, place: CasePlace): Promise<Record<string, unknown>> {
  const record = await deps.store.getConversation(conversationId);
  const status = record ? caseStatus(record.state) : { kind: 'queued' as const };
  return caseCard(conversationId, place.header, status, record ? firstOpenCheck(record.state) : undefined);
}

/** Starts the case's thread with its card and the conversation so far, and links the thread to the conversation. */
export function teamsCaseTarget(deps: TeamsDeskDeps): HandoffTarget {
  return async (packet: CasePacket) => {
    const conversationId = packet.conversation.id;
    const base = deps.config.PUBLIC_URL ?? `http://localhost:${deps.config.PORT}`;
    const header = caseHeader(packet, new URL(`/api/agents/conversations/${encodeURIComponent(conversationId)}`, base).toString());
    let place = await findCase(deps.store, 'msteams', conversationId);
    // A retry after the card was posted and linked only posts the thread's opening lines again.
    if (place?.header.escalatedAt !== header.escalatedAt) {
      const draft: CasePlace = { conversation: '', message: '', serviceUrl: deps.serviceUrl, header };
      const card = cardActivity(await currentCard(deps, conversationId, draft));
      const thread = await startChannelThread(await deps.credentials(), deps.serviceUrl, deps.channel, card, deps.config.MICROSOFT_APP_TENANT_ID);
      place = { ...draft, conversation: thread.conversationId, message: thread.activityId };
      await linkCase(deps.store, 'msteams', conversationId, place, thread.conversationId);
    }
    const recent = packet.transcript.slice(-RECENT_LINES).map((line) => ({ ...line, text: cut(line.text) }));
    if (recent.length > 0) await (await threadOf(deps, place)).send(threadMessage(recent, '**The conversation so far:**'));
  };
}

/** Shows a turn on the case: its lines in the thread, and the card redrawn after an agent's action. */
export function teamsDeskCourier(deps: TeamsDeskDeps): Courier {
  return async (delivery) => {
    const place = await findCase(deps.store, 'msteams', delivery.conversationId);
    if (!place) throw new TargetError('the case card is not in the agents channel yet');
    const thread = await threadOf(deps, place);
    const { lines, action } = delivery.payload as DeskPayload;
    if (lines.length > 0 || action) {
      const message = threadMessage(lines.map((l) => ({ ...l, text: cut(l.text) })), action ? actionText(action) : undefined);
      await thread.send(message);
    }
    if (action) await thread.update(place.message, cardActivity(await currentCard(deps, delivery.conversationId, place)));
  };
}
