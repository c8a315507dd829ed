/**
 * Delivers what turns queued for the world outside the conversation: handoff cases to their targets, and the
 * live relays between a case and the agents (couriers: the agents' desks, the user's own channel). A delivery
 * is removed only after it was accepted; a failure is retried with exponential backoff (capped), so a briefly
 * unavailable helpdesk, Slack or Bot Connector loses nothing.
 */
import type { Logger } from '../log.js';
import type { Delivery, Store } from '../store/types.js';
import type { CaseSummary } from '../core/types.js';
import type { ConversationRef } from '../store/types.js';
import { buildCasePacket } from './case-packet.js';
import type { HandoffTarget } from './targets.js';

/** Delivers one queued delivery of its own kind (a desk update, a reply for the user); throws to be retried. */
export type Courier = (delivery: Delivery) => Promise<void>;

export interface OutboxOptions {
  store: Store;
  /** Case targets: each gets the case packet. */
  targets: Record<string, HandoffTarget>;
  /** Deliveries whose target names a courier go to it with their payload as queued. */
  couriers?: Record<string, Courier>;
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
    const courier = options.couriers?.[delivery.target];
    try {
      if (courier) {
        await courier(delivery);
      } else {
        if (!target) throw new Error(`handoff target "${delivery.target}" is not configured`);
        const payload = delivery.payload as HandoffPayload;
        await target(buildCasePacket(delivery.conversationId, payload.ref, payload.case), payload.ref);
      }
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

/** Runs outbox rounds one at a time, on demand. */
export interface OutboxRunner {
  /** Starts a round, or, during one, asks for another right after it, so nothing queued meanwhile waits for a timer. */
  kick(): Promise<void>;
}

export function createOutboxRunner(outbox: Outbox, log: Logger): OutboxRunner {
  let running: Promise<void> | undefined;
  let again = false;
  async function rounds(): Promise<void> {
    do {
      again = false;
      await outbox.runDue().catch((error: unknown) => log.error('handoff outbox failed', { error: String(error) }));
    } while (again);
  }
  return {
    kick() {
      if (running) {
        again = true;
        return running;
      }
      running = rounds().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}
