/**
 * What agents do in the Slack agents' channel: click a case's controls, or reply in its thread. Only members
 * of that channel (and, when AGENT_USER_IDS is set, only those users) can act; anyone else is refused, told
 * so privately, and logged, and nothing reaches the customer.
 */
import { createAgentActions, type ActionResult } from '../agents/actions.js';
import type { Conversations } from '../../conversation/service.js';
import { conversationOfThread } from '../../handoff/desk.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/types.js';
import type { SlackApi } from './api.js';
import type { SlackUserMessage } from './events.js';
import type { SlackDeskClick } from './interactions.js';
import { slackToPlain } from './plain-text.js';

/** How long the channel's member list is trusted; a member added since is found by a re-read after `RECHECK_MS`. */
const MEMBERS_TTL_MS = 60_000;
const RECHECK_MS = 5_000;

export interface SlackDeskInboundDeps {
  api: SlackApi;
  store: Pick<Store, 'getLink'>;
  conversations: Pick<Conversations, 'turn' | 'get'>;
  /** The agents' channel id. */
  channel: string;
  /** When not empty, only these user ids may act. */
  allowed: ReadonlySet<string>;
  log: Logger;
  now(): number;
  background(work: Promise<unknown>): void;
}

/** The two things an agent does in Slack. */
export interface SlackDeskInbound {
  /** A message in the agents' channel: an agent's reply in a case thread goes to the customer; anything else is left alone. */
  onMessage(message: SlackUserMessage): Promise<void>;
  onClick(click: SlackDeskClick): Promise<void>;
}

export function createSlackDeskInbound(deps: SlackDeskInboundDeps): SlackDeskInbound {
  const actions = createAgentActions(deps.conversations);
  let members: { ids: Set<string>; at: number } | undefined;
  const names = new Map<string, string>();

  async function isMember(user: string): Promise<boolean> {
    const age = members ? deps.now() - members.at : Infinity;
    if (age > MEMBERS_TTL_MS || (!members?.ids.has(user) && age > RECHECK_MS)) {
      members = { ids: new Set(await deps.api.members(deps.channel)), at: deps.now() };
    }
    return members!.ids.has(user);
  }

  /** Why `user` may not act from `channel`, or undefined when they may. */
  async function refusal(user: string, channel: string): Promise<string | undefined> {
    if (channel !== deps.channel) return 'not in the agents channel';
    if (deps.allowed.size > 0 && !deps.allowed.has(user)) return 'not on the AGENT_USER_IDS allow-list';
    if (!(await isMember(user))) return 'not a member of the agents channel';
    return undefined;
  }

  async function nameOf(user: string): Promise<string> {
    let name = names.get(user);
    if (name === undefined) {
      name = await deps.api.userName(user).catch(() => 'Support');
      names.set(user, name);
    }
    return name;
  }

  /** Tells only `user` why nothing happened; a failure to tell them must not fail the request. */
  function tell(user: string, channel: string, text: string, threadTs?: string): void {
    const message = { channel, user, text, ...(threadTs ? { thread_ts: threadTs } : {}) };
    deps.background(deps.api.postEphemeral(message).catch((error: unknown) => deps.log.warn('slack ephemeral failed', { error: String(error) })));
  }

  function refuse(user: string, channel: string, reason: string, threadTs?: string): void {
    deps.log.warn('slack agent action refused', { user, channel, reason });
    tell(user, channel, `Only the support agents can act on cases here (${reason}). Nothing was sent to the customer.`, threadTs);
  }

  function report(result: ActionResult, user: string, channel: string, threadTs?: string): void {
    if (result.ok) return;
    deps.log.info('slack agent action not done', { user, code: result.code, reason: result.message });
    tell(user, channel, `Nothing was done: ${result.message}.`, threadTs);
  }

  return {
    async onMessage(message) {
      const channelId = message.ref.conversationId;
      const userId = message.ref.userId ?? '';
      const { threadTs } = message.ref;
      const conversationId = threadTs ? await conversationOfThread(deps.store, 'slack', `${channelId}:${threadTs}`) : undefined;
      if (!conversationId) return;
      const refused = await refusal(userId, channelId);
      if (refused) return refuse(userId, channelId, refused, threadTs);
      const text = slackToPlain(message.text);
      if (text === '') return;
      const result = await actions.reply(conversationId, await nameOf(userId), text, { key: message.dedupeKey, takeIfFree: true });
      report(result, userId, channelId, threadTs);
    },

    async onClick(click) {
      const refused = await refusal(click.userId, click.channel);
      if (refused) return refuse(click.userId, click.channel, refused);
      const conversationId = await conversationOfThread(deps.store, 'slack', `${click.channel}:${click.messageTs}`);
      if (!conversationId) return tell(click.userId, click.channel, 'This case is no longer known here (it may have been erased).');
      const agent = await nameOf(click.userId);
      let result: ActionResult;
      if (click.action === 'take') result = await actions.take(conversationId, agent);
      else if (click.action === 'close') result = await actions.close(conversationId, agent);
      else result = await actions.handBack(conversationId, { agent, ...(click.resumeAt ? { resumeAt: click.resumeAt } : {}) }, { onlyOpen: true });
      report(result, click.userId, click.channel);
    },
  };
}
