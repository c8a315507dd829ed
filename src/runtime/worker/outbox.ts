/**
 * Handoff deliveries on Workers: the index object's alarm runs the same outbox as Node over the queue it
 * holds, and re-arms for the next due delivery (a failed one comes back after its backoff).
 */
import { loadConfig } from '../../config.js';
import { configuredTargets } from '../../handoff/configured-targets.js';
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
  const outbox = createOutbox({ store, targets: configuredTargets(config, Date.now), now: Date.now, log: createLogger(config.LOG_LEVEL) });
  await outbox.runDue(DELIVERIES_PER_ALARM);
  return index.nextDeliveryAt();
}
