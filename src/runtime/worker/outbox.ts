/**
 * Deliveries on Workers (cases, agents' relays, desk updates): the index object's alarm runs the same outbox as
 * Node over the queue it holds, and re-arms for the next due delivery (a failed one comes back after its backoff).
 * A reply for a web chat user is appended by the user's conversation object, the single writer of its log.
 */
import { loadConfig } from '../../config.js';
import { configuredDeliveries } from '../../handoff/configured-targets.js';
import { createChannelSenders } from '../../scheduler/channel-senders.js';
import { createOutbox } from '../../handoff/outbox.js';
import { createLogger } from '../../log.js';
import { createDurableObjectStore } from '../../store/durable-object.js';
import type { IndexLedger } from '../../store/durable-object-index.js';
import { conversationStub, type WorkerEnv } from './bindings.js';

/** Deliveries tried per alarm; the rest wake the object again at once. */
const DELIVERIES_PER_ALARM = 20;

/** Tries the due deliveries; returns when the next one is due, if any is left. */
export async function runWorkerOutbox(env: WorkerEnv, index: IndexLedger): Promise<number | undefined> {
  const config = loadConfig(env);
  const store = createDurableObjectStore({ conversation: (id) => conversationStub(env, id), index: () => index });
  const senders = createChannelSenders(config, {
    deliver: (id, user, outputs, position) => conversationStub(env, id).directLineDeliver(id, user, outputs, position),
  });
  const deliveries = configuredDeliveries({ config, now: Date.now, store, senders });
  const outbox = createOutbox({ store, ...deliveries, now: Date.now, log: createLogger(config.LOG_LEVEL) });
  await outbox.runDue(DELIVERIES_PER_ALARM);
  return index.nextDeliveryAt();
}
