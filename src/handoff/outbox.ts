/**
 * Delivers queued handoff cases to their targets. A delivery is removed only after its target accepted it;
 * a failure is retried with exponential backoff (capped), so a briefly unavailable helpdesk loses nothing.
 */
import type { Logger } from '../log.js';
import type { Delivery, Store } from '../store/types.js';
import type { CaseSummary } from '../core/types.js';
import type { ConversationRef } from '../store/types.js';
import { buildCasePacket } from './case-packet.js';
import type { HandoffTarget } from './targets.js';

export interface OutboxOptions {
  store: Store;
  targets: Record<string, HandoffTarget>;
  now(): number;
  log: Logger;
  /** First retry delay; doubles per attempt up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface Outbox {
  /** Tries every due delivery once; returns how many were delivered. */
  runDue(limit?: number): Promise<number>;
}

interface HandoffPayload {
  ref: ConversationRef;
  case: CaseSummary;
}

/** The delay before retry number `attempts + 1`. */
export function backoffDelay(attempts: number, baseDelayMs: number, maxDelayMs: number): number {
  return Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempts, 30));
}

export function createOutbox(options: OutboxOptions): Outbox {
  const { store, targets, now, log } = options;
  const base = options.baseDelayMs ?? 2_000;
  const max = options.maxDelayMs ?? 10 * 60_000;

  async function deliver(delivery: Delivery): Promise<boolean> {
    const target = targets[delivery.target];
    try {
      if (!target) throw new Error(`handoff target "${delivery.target}" is not configured`);
      const payload = delivery.payload as HandoffPayload;
      await target(buildCasePacket(delivery.conversationId, payload.ref, payload.case), payload.ref);
      await store.completeDelivery(delivery.id);
      log.info('handoff delivered', { target: delivery.target, conversationId: delivery.conversationId, attempts: delivery.attempts + 1 });
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const nextAt = now() + backoffDelay(delivery.attempts, base, max);
      await store.retryDelivery(delivery.id, nextAt, message);
      log.warn('handoff delivery failed; will retry', { target: delivery.target, conversationId: delivery.conversationId, error: message, nextAt });
      return false;
    }
  }

  return {
    async runDue(limit = 20) {
      const due = await store.dueDeliveries(now(), limit);
      let delivered = 0;
      for (const delivery of due) if (await deliver(delivery)) delivered += 1;
      return delivered;
    },
  };
}
