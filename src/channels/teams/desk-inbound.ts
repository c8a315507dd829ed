/**
 * What agents do in the Teams agents' channel: act on a case's card (`Action.Execute` invokes, or
 * `Action.Submit` messages from older clients), or reply in the card's thread. Only activities from that channel
 * (Teams lets only its members post or click there) and, when AGENT_USER_IDS is set, only from those users count;
 * anything else is refused and logged, and nothing reaches the customer.
 */
import * as z from 'zod';
import { createAgentActions, type ActionResult } from '../agents/actions.js';
import type { Conversations } from '../../conversation/service.js';
import { conversationOfThread, findCase } from '../../handoff/desk.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/types.js';
import { stripMentions, type ParsedActivity } from './activity.js';
import { CARD_TYPE, RESUME_INPUT } from './desk-card.js';
import { currentCard } from './desk-post.js';

const deskData = z.object({
  softbounceDesk: z.object({ action: z.enum(['take', 'handback', 'close']), conversationId: z.string().min(1) }),
  [RESUME_INPUT]: z.string().optional(),
});
const invokeValue = z.object({ action: z.object({ type: z.string(), data: z.unknown() }) });

/** The body of an invoke answer: the card replaced in place for whoever clicked, or a line shown to them. */
export type InvokeAnswer =
  | { statusCode: 200; type: typeof CARD_TYPE; value: Record<string, unknown> }
  | { statusCode: 200; type: 'application/vnd.microsoft.activity.message'; value: string };

export interface TeamsDeskInboundDeps {
  store: Pick<Store, 'getLink' | 'getConversation'>;
  conversations: Pick<Conversations, 'turn' | 'get'>;
  /** The agents' channel id (19:...@thread.tacv2). */
  channel: string;
  allowed: ReadonlySet<string>;
  log: Logger;
}

/** The desk's side of `/api/messages`. */
export interface TeamsDeskInbound {
  /** True for activities the desk answers: anything in the agents' channel, and any click on a case card. */
  owns(parsed: ParsedActivity): boolean;
  /** Acts on one of them; an invoke gets its answer back. */
  handle(parsed: ParsedActivity): Promise<InvokeAnswer | undefined>;
}

/** The channel a conversation id belongs to (a channel thread's id carries `;messageid=`). */
const channelOf = (conversationId: string) => conversationId.split(';')[0] ?? '';

/** The desk data of a card click, from an invoke's action or a submit's value. */
function clickOf(parsed: ParsedActivity): z.infer<typeof deskData> | undefined {
  const { activity } = parsed;
  if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
    const value = invokeValue.safeParse(activity.value);
    const data = value.success ? deskData.safeParse(value.data.action.data) : undefined;
    return data?.success ? data.data : undefined;
  }
  if (activity.type !== 'message' || activity.value === undefined) return undefined;
  const data = deskData.safeParse(activity.value);
  return data.success ? data.data : undefined;
}

export function createTeamsDeskInbound(deps: TeamsDeskInboundDeps): TeamsDeskInbound {
  const actions = createAgentActions(deps.conversations);
  const message = (value: string): InvokeAnswer => ({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value });

  /** Why this activity's sender may not act, or undefined when they may. */
  function refusal(parsed: ParsedActivity): string | undefined {
    const { activity } = parsed;
    if (channelOf(activity.conversation.id) !== deps.channel) return 'not in the agents channel';
    const ids = [activity.from.id, activity.from.aadObjectId].filter((id): id is string => Boolean(id));
    if (deps.allowed.size > 0 && !ids.some((id) => deps.allowed.has(id))) return 'not on the AGENT_USER_IDS allow-list';
    return undefined;
  }

  function notDone(result: ActionResult, parsed: ParsedActivity): string | undefined {
    if (result.ok) return undefined;
    deps.log.info('teams agent action not done', { user: parsed.activity.from.id, code: result.code, reason: result.message });
    return `Nothing was done: ${result.message}.`;
  }

  async function click(parsed: ParsedActivity, data: z.infer<typeof deskData>): Promise<InvokeAnswer> {
    const { conversationId, action } = data.softbounceDesk;
    const agent = parsed.activity.from.name ?? 'Support';
    let result: ActionResult;
    if (action === 'take') result = await actions.take(conversationId, agent);
    else if (action === 'close') result = await actions.close(conversationId, agent);
    else result = await actions.handBack(conversationId, { agent, ...(data.resumeAt ? { resumeAt: data.resumeAt } : {}) }, { onlyOpen: true });
    const problem = notDone(result, parsed);
    if (problem) return message(problem);
    const place = await findCase(deps.store, 'msteams', conversationId);
    return place ? { statusCode: 200, type: CARD_TYPE, value: await currentCard(deps, conversationId, place) } : message('Done.');
  }

  async function reply(parsed: ParsedActivity): Promise<void> {
    const { activity } = parsed;
    const conversationId = await conversationOfThread(deps.store, 'msteams', activity.conversation.id);
    if (!conversationId) return;
    const mentions = (activity.entities ?? []).filter((e) => e.type === 'mention' && e.mentioned?.id === activity.recipient.id);
    const text = decodeEntities(stripMentions(activity.text ?? '', mentions.map((e) => e.text ?? '')));
    if (text === '') return;
    const result = await actions.reply(conversationId, activity.from.name ?? 'Support', text, { key: `msteams:${activity.id}`, takeIfFree: true });
    notDone(result, parsed);
  }

  return {
    owns: (parsed) => channelOf(parsed.activity.conversation.id) === deps.channel || clickOf(parsed) !== undefined,

    async handle(parsed) {
      const data = clickOf(parsed);
      const refused = refusal(parsed);
      if (refused) {
        deps.log.warn('teams agent action refused', { user: parsed.activity.from.id, conversation: parsed.activity.conversation.id, reason: refused });
        return data && parsed.activity.type === 'invoke' ? message(`Only the support agents can act on cases here (${refused}).`) : undefined;
      }
      if (data) {
        const answer = await click(parsed, data);
        return parsed.activity.type === 'invoke' ? answer : undefined;
      }
      const { activity } = parsed;
      if (activity.type === 'message' && activity.from.id !== activity.recipient.id) await reply(parsed);
      return undefined;
    },
  };
}

/** Teams sends message text as HTML-ish text: the escapes a customer should not see are undone. */
function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
