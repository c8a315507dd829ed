/**
 * The app's dependencies on Workers: the store routes to Durable Objects, and every turn (and every Direct
 * Line post) is forwarded to the conversation's own object, which runs it as the conversation's single writer.
 */
import { waitUntil } from 'cloudflare:workers';
import type { LogWriter } from '../../channels/directline/log-writer.js';
import { loadConfig } from '../../config.js';
import type { AppDeps } from '../../http/deps.js';
import { createLogger } from '../../log.js';
import { createAppMetrics } from '../../ops/app-metrics.js';
import { instrumentConversations } from '../../ops/turn-metrics.js';
import { createChannelSenders } from '../../scheduler/channel-senders.js';
import { createDurableObjectStore } from '../../store/durable-object.js';
import { conversationStub, indexStub, type WorkerEnv } from './bindings.js';
import { streamOpening } from './stream-opening.js';
import { transcriptOf } from '../../conversation/transcript.js';

/** Builds the Worker's AppDeps from its bindings (settings are vars and secrets). */
export function createWorkerDeps(env: WorkerEnv): AppDeps {
  const config = loadConfig(env);
  const store = createDurableObjectStore({ conversation: (id) => conversationStub(env, id), index: () => indexStub(env) });
  const metrics = createAppMetrics();
  // Direct Line turns run wholly inside the conversation's object (see `directLine`), so only the other
  // channels' turns pass here and are counted in this isolate's /metrics.
  const conversations = instrumentConversations(
    {
      turn: (id, ref, input, _log, options) => conversationStub(env, id).turn(id, ref, input, options),
      runFollowup: (followup) => conversationStub(env, followup.conversationId).runFollowup(followup),
      get: (id) => store.getConversation(id),
      transcript: (id) => transcriptOf(store, id),
    },
    metrics,
  );
  const directLine: LogWriter = {
    post: (id, user, activity) => conversationStub(env, id).directLinePost(id, user, activity),
    start: (id, user) => conversationStub(env, id).directLineStart(id, user),
    deliver: (id, user, outputs, position) => conversationStub(env, id).directLineDeliver(id, user, outputs, position),
  };
  return {
    config,
    store,
    conversations,
    directLine,
    // The conversation's object holds its sockets, so a commit there pushes to them without leaving the object.
    directLineStream: (_c, request) => conversationStub(env, request.conversationId).fetch(streamOpening(request)),
    senders: createChannelSenders(config, directLine),
    metrics,
    log: createLogger(config.LOG_LEVEL),
    now: Date.now,
    background: waitUntil,
  };
}
