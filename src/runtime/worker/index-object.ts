/**
 * The index Durable Object: one instance holds what is asked across conversations (dedupe keys, the
 * follow-up and delivery queues, analytics events, last-update times). Its methods are the ledger's, over RPC;
 * its alarm delivers queued handoff cases.
 */
import { DurableObject } from 'cloudflare:workers';
import type { DurableObjectState } from '@cloudflare/workers-types';
import { IndexLedger, type TurnBookkeeping } from '../../store/durable-object-index.js';
import type { Delivery, Followup, StoredEvent } from '../../store/types.js';
import type { IndexRpc, WorkerEnv } from './bindings.js';
import { runWorkerOutbox } from './outbox.js';

/** The single index object (`idFromName('index')`). */
export class IndexObject extends DurableObject<WorkerEnv> implements IndexRpc {
  private readonly ledger: IndexLedger;
  /** The outbox round in progress: rounds run one after another, so no delivery is sent by two at once. */
  private round: Promise<unknown> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: WorkerEnv) {
    super(ctx, env);
    this.ledger = new IndexLedger(ctx.storage.sql);
  }

  claimOnce(key: string, at: number) {
    return this.ledger.claimOnce(key, at);
  }
  putLink(key: string, conversationId: string, value: string) {
    this.ledger.putLink(key, conversationId, value);
  }
  getLink(key: string) {
    return this.ledger.getLink(key);
  }
  touchConversation(id: string, updatedAt: number) {
    this.ledger.touchConversation(id, updatedAt);
  }
  recordTurn(id: string, updatedAt: number, turn: TurnBookkeeping) {
    this.ledger.recordTurn(id, updatedAt, turn);
  }
  forgetConversation(id: string) {
    this.ledger.forgetConversation(id);
  }
  staleConversations(before: number) {
    return this.ledger.staleConversations(before);
  }
  forgetClaims(before: number) {
    this.ledger.forgetClaims(before);
  }
  putFollowup(followup: Followup) {
    this.ledger.putFollowup(followup);
  }
  cancelFollowup(id: string) {
    this.ledger.cancelFollowup(id);
  }
  dueFollowups(now: number, limit: number, conversationId?: string) {
    return this.ledger.dueFollowups(now, limit, conversationId);
  }
  nextFollowupAt(conversationId: string) {
    return this.ledger.nextFollowupAt(conversationId);
  }
  enqueueDelivery(delivery: Delivery) {
    this.ledger.enqueueDelivery(delivery);
  }
  dueDeliveries(now: number, limit: number) {
    return this.ledger.dueDeliveries(now, limit);
  }
  nextDeliveryAt() {
    return this.ledger.nextDeliveryAt();
  }
  completeDelivery(id: string) {
    this.ledger.completeDelivery(id);
  }
  retryDelivery(id: string, nextAt: number, error: string) {
    this.ledger.retryDelivery(id, nextAt, error);
  }
  appendEvents(events: StoredEvent[]) {
    this.ledger.appendEvents(events);
  }
  listEvents(from: number, to: number) {
    return this.ledger.listEvents(from, to);
  }

  /** Makes sure the outbox runs by `at` (a handoff was queued). */
  async wakeOutbox(at: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || at < current) await this.ctx.storage.setAlarm(at);
  }

  async alarm(): Promise<void> {
    const mine = this.round.then(() => runWorkerOutbox(this.env, this.ledger));
    this.round = mine.catch(() => undefined);
    const next = await mine;
    if (next !== undefined) await this.ctx.storage.setAlarm(next);
  }
}
