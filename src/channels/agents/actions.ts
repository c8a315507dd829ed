/**
 * What an agent can do with a case, wherever they act from (a Slack or Teams agents' channel, or the HTTP
 * agents API): take it, write to the customer, hand it back to the bot, close it. Each action is one turn whose
 * replies are queued for the customer's channel and whose desk lines are queued for the agents' desks in the
 * same write, so an accepted action reaches everyone even after a crash.
 */
import type { AgentKnowledge, ConversationState, TurnInput } from '../../core/types.js';
import type { Conversations, TurnOutcome } from '../../conversation/service.js';
import type { ConversationRef } from '../../store/types.js';

/** An agent's action that was done, or why it was refused (said back to the agent as it is). */
export type ActionResult = { ok: true; outcome: TurnOutcome } | { ok: false; code: 'unknown' | 'not_open' | 'not_yours' | 'not_taken'; message: string };

/** How a reply is handled when the agent does not have the case yet. */
export interface ReplyOptions {
  /** The platform's id of the message, so a redelivery relays nothing twice. */
  key?: string;
  /** Desk replies take a free case for their author (as help desks assign on reply); the API requires a takeover. */
  takeIfFree: boolean;
}

/** The four actions, bound to the conversation service. */
export interface AgentActions {
  take(conversationId: string, agent: string | undefined, note?: string): Promise<ActionResult>;
  reply(conversationId: string, agent: string | undefined, text: string, options: ReplyOptions): Promise<ActionResult>;
  /** `ref` starts a conversation the bot has never seen; `onlyOpen` refuses a case that is no longer with the agents. */
  handBack(conversationId: string, known: AgentKnowledge, options?: { ref?: ConversationRef; onlyOpen?: boolean }): Promise<ActionResult>;
  close(conversationId: string, agent: string | undefined, note?: string): Promise<ActionResult>;
}

const isOpen = (state: ConversationState) => state.status === 'escalated' || state.handler === 'human';
const unknown = (id: string): ActionResult => ({ ok: false, code: 'unknown', message: `conversation ${id} is unknown` });
const notOpen: ActionResult = { ok: false, code: 'not_open', message: 'this case is no longer with the agents: take it again to reopen it' };

/** Builds the actions over the conversation service. */
export function createAgentActions(conversations: Pick<Conversations, 'turn' | 'get'>): AgentActions {
  /**
   * Runs an action as a turn. The key names the action and the version it was decided on, so two agents clicking
   * at once (or one double click) act once: the second finds the key already applied.
   */
  async function act(id: string, ref: ConversationRef, input: TurnInput, key?: string): Promise<ActionResult> {
    const outcome = await conversations.turn(id, ref, input, undefined, { deliverToUser: true, ...(key ? { key } : {}) });
    return { ok: true, outcome };
  }

  async function take(id: string, agent: string | undefined, note?: string): Promise<ActionResult> {
    const record = await conversations.get(id);
    if (!record) return unknown(id);
    const input: TurnInput = { kind: 'agent_takeover', announce: true, ...(agent ? { agent } : {}), ...(note ? { note } : {}) };
    return act(id, record.ref, input, `take:v${record.version}`);
  }

  return {
    take,

    async reply(id, agent, text, options) {
      let record = await conversations.get(id);
      if (!record) return unknown(id);
      const holder = record.state.handler === 'human' ? record.state.agent?.name : undefined;
      if (record.state.handler !== 'human') {
        if (!options.takeIfFree) return { ok: false, code: 'not_taken', message: 'the bot has this conversation: take it over first' };
        const taken = await take(id, agent);
        if (!taken.ok) return taken;
        record = taken.outcome.record;
      } else if (agent !== undefined && holder !== undefined && holder !== agent && options.takeIfFree) {
        return { ok: false, code: 'not_yours', message: `${holder} has this case: take it over first to write to the customer` };
      }
      return act(id, record.ref, { kind: 'agent_message', text, ...(agent ? { agent } : {}) }, options.key);
    },

    async handBack(id, known, options = {}) {
      const record = await conversations.get(id);
      const ref = record?.ref ?? options.ref;
      if (!ref) return unknown(id);
      if (options.onlyOpen && (!record || !isOpen(record.state))) return notOpen;
      return act(id, ref, { kind: 'agent_handoff', known }, record ? `handback:v${record.version}` : undefined);
    },

    async close(id, agent, note) {
      const record = await conversations.get(id);
      if (!record) return unknown(id);
      if (!isOpen(record.state)) return notOpen;
      return act(id, record.ref, { kind: 'agent_close', ...(agent ? { agent } : {}), ...(note ? { note } : {}) }, `close:v${record.version}`);
    },
  };
}
