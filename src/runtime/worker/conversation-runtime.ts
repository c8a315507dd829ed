/**
 * What a conversation's Durable Object runs on: the same conversation service and Direct Line log writer as
 * Node, over a store whose own-conversation calls stay inside the object and whose other calls go to the
 * index object. Scheduling a follow-up also sets the object's alarm; queueing a handoff wakes the index's outbox.
 */
import { connect } from 'cloudflare:sockets';
import { createLogWriter, type LogWriter } from '../../channels/directline/log-writer.js';
import { createWorkerCheckRunner } from '../../checks/worker-checks.js';
import type { RunCheck } from '../../checks/run-check.js';
import { loadConfig, type Config } from '../../config.js';
import { createConversations, type Conversations } from '../../conversation/service.js';
import type { TurnDeps } from '../../core/types.js';
import { createLogger, type Logger } from '../../log.js';
import { createDurableObjectStore } from '../../store/durable-object.js';
import type { ConversationLedger } from '../../store/durable-object-conversation.js';
import type { Store } from '../../store/types.js';
import { configuredNames, type ConfiguredNames } from '../../handoff/configured-targets.js';
import { createTurnDeps } from '../engine.js';
import { conversationStub, indexStub, type IndexRpc, type WorkerEnv } from './bindings.js';

/** The services one conversation's object runs its turns with. */
export interface ConversationRuntime {
  id: string;
  config: Config;
  log: Logger;
  store: Store;
  /** The index object (a fresh stub each call). */
  index(): IndexRpc;
  conversations: Conversations;
  directLine: LogWriter;
}

/** What the object hands its runtime: who it is, its bindings, its own storage and its alarm. */
export interface ConversationRuntimeOptions {
  id: string;
  env: WorkerEnv;
  ledger: ConversationLedger;
  /** Makes sure the object wakes by `at` (a follow-up was scheduled). */
  wakeBy(at: number): Promise<void>;
}

/** Loaded once per isolate: every conversation object in it shares the flows and the intent model. */
let shared: { config: Config; log: Logger; deps: TurnDeps; runCheck: RunCheck | undefined; names: ConfiguredNames } | undefined;

function sharedFor(env: WorkerEnv) {
  if (!shared) {
    const config = loadConfig(env);
    const runCheck = createWorkerCheckRunner(config, connect);
    shared = { config, log: createLogger(config.LOG_LEVEL), deps: createTurnDeps(config), runCheck, names: configuredNames(config) };
  }
  return shared;
}

/** Builds the runtime of conversation `id` inside its own object. */
export function createConversationRuntime(options: ConversationRuntimeOptions): ConversationRuntime {
  const { id, env, ledger } = options;
  const { config, log, deps, runCheck, names } = sharedFor(env);
  const index = () => indexStub(env);
  const routed = createDurableObjectStore({
    conversation: (other) => (other === id ? ledger : conversationStub(env, other)),
    index,
  });
  const store: Store = {
    ...routed,
    async putFollowup(followup) {
      await routed.putFollowup(followup);
      if (followup.conversationId === id) await options.wakeBy(followup.dueAt);
    },
    async enqueueDelivery(delivery) {
      await routed.enqueueDelivery(delivery);
      await index().wakeOutbox(delivery.nextAt);
    },
    async commitTurn(write) {
      const watermark = await routed.commitTurn(write);
      for (const followup of write.followups ?? []) if (followup.conversationId === id) await options.wakeBy(followup.dueAt);
      const first = Math.min(...(write.deliveries ?? []).map((delivery) => delivery.nextAt));
      if (Number.isFinite(first)) await index().wakeOutbox(first);
      return watermark;
    },
  };
  const conversations = createConversations({ store, deps, log, runCheck, ...names });
  const directLine = createLogWriter({ store, conversations, now: deps.now });
  return { id, config, log, store, index, conversations, directLine };
}
