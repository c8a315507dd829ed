/**
 * The Worker's bindings and typed handles on its two Durable Object classes: one object per conversation
 * (`idFromName(conversationId)`) and one index object for everything that spans conversations.
 */
import type { DurableObjectNamespace } from '@cloudflare/workers-types';
import type { DirectLineUser } from '../../channels/directline/log-writer.js';
import type { ClientActivity } from '../../channels/directline/activity.js';
import type { Conversations, TurnOptions, TurnOutcome } from '../../conversation/service.js';
import type { Output, Position, TurnInput } from '../../core/types.js';
import type { ConversationRef } from '../../store/types.js';
import type { ConversationLedgerApi } from '../../store/durable-object-conversation.js';
import type { IndexLedgerApi } from '../../store/durable-object-index.js';

/** What wrangler.toml binds, plus the settings (vars and secrets) `loadConfig` reads. */
export interface WorkerEnv {
  CONVERSATION: DurableObjectNamespace;
  STORE_INDEX: DurableObjectNamespace;
  [setting: string]: unknown;
}

/** The calls a conversation's object answers: its storage, and the turns it runs as the single writer. */
export interface ConversationRpc extends ConversationLedgerApi {
  /** A turn with its options (the log callback of `Conversations.turn` cannot cross RPC, so it has none). */
  turn(id: string, ref: ConversationRef, input: TurnInput, options?: TurnOptions): Promise<TurnOutcome>;
  runFollowup: Conversations['runFollowup'];
  directLinePost(conversationId: string, user: DirectLineUser, activity: ClientActivity): Promise<string>;
  directLineStart(conversationId: string, user: DirectLineUser): Promise<void>;
  directLineDeliver(conversationId: string, user: DirectLineUser, outputs: Output[], position: Position): Promise<void>;
  /** Opens a verified Direct Line stream (an upgrade request from `streamOpening`); answers 101 with the socket. */
  fetch(request: Request): Promise<Response>;
}

/** The index object's calls: its ledger, and waking its outbox when a handoff is queued. */
export interface IndexRpc extends IndexLedgerApi {
  wakeOutbox(at: number): Promise<void>;
}

/** Name of the single index object. */
const INDEX_OBJECT_NAME = 'index';

/** The stub of the object that owns conversation `id`. */
export function conversationStub(env: WorkerEnv, id: string): ConversationRpc {
  // The runtime's stub exposes the class's public methods over RPC; its generated type needs the Workers globals.
  return env.CONVERSATION.get(env.CONVERSATION.idFromName(id)) as unknown as ConversationRpc;
}

/** The stub of the index object. */
export function indexStub(env: WorkerEnv): IndexRpc {
  return env.STORE_INDEX.get(env.STORE_INDEX.idFromName(INDEX_OBJECT_NAME)) as unknown as IndexRpc;
}
