/**
 * The Durable Object of one conversation (`idFromName(conversationId)`): the conversation's single writer.
 * It keeps the record and the Direct Line log in its own SQLite, runs every turn of the conversation through
 * the same conversation service as Node, and wakes on an alarm when a follow-up it scheduled falls due.
 * The engine (flows, intent model) is imported on the first turn, so storage calls such as Direct Line polls
 * never pay for it. It also holds the conversation's Direct Line streams (hibernating WebSockets): whatever it
 * appends to the log is pushed to them at once, and its alarm closes those whose token has expired.
 */
import { DurableObject } from 'cloudflare:workers';
import type { DurableObjectState, WebSocket as WorkerSocket } from '@cloudflare/workers-types';
import type { ClientActivity } from '../../channels/directline/activity.js';
import type { DirectLineUser } from '../../channels/directline/log-writer.js';
import type { ConversationRef, ConversationRecord, Followup } from '../../store/types.js';
import type { Output, Position, TranscriptEntry, TurnInput } from '../../core/types.js';
import type { TurnOptions } from '../../conversation/service.js';
import { ConversationLedger } from '../../store/durable-object-conversation.js';
import { indexStub, type ConversationRpc, type WorkerEnv } from './bindings.js';
import type { ConversationRuntime } from './conversation-runtime.js';
import { ConversationStreams } from './conversation-streams.js';
import { readStreamOpening } from './stream-opening.js';
import { runDueFollowups } from './followups.js';

/** One conversation's Durable Object. */
export class ConversationObject extends DurableObject<WorkerEnv> implements ConversationRpc {
  private readonly ledger: ConversationLedger;
  private readonly streams: ConversationStreams;
  private runtime?: { id: string; ready: Promise<ConversationRuntime> };

  constructor(ctx: DurableObjectState, env: WorkerEnv) {
    super(ctx, env);
    this.ledger = new ConversationLedger(
      ctx.storage.sql,
      (closure) => ctx.storage.transactionSync(closure),
      (activities, watermark) => this.streams.push({ activities, watermark }),
    );
    this.streams = new ConversationStreams(ctx, (after) => this.ledger.getActivities(after));
  }

  /** Opens a Direct Line stream the Worker has verified (see stream-opening.ts); the alarm closes it at expiry. */
  async fetch(request: Request): Promise<Response> {
    const { after, expiresAt } = readStreamOpening(request);
    const response = this.streams.open(after, expiresAt);
    await this.wakeBy(expiresAt);
    return response;
  }

  webSocketClose(socket: WorkerSocket, code: number, reason: string): void {
    this.streams.closed(socket, code, reason);
  }

  getRecord(id: string) {
    return this.ledger.getRecord(id);
  }
  putRecord(record: ConversationRecord, expectedVersion: number) {
    return this.ledger.putRecord(record, expectedVersion);
  }
  commitTurn(record: ConversationRecord, expectedVersion: number, activities: unknown[], key: string | undefined, transcript: TranscriptEntry[]) {
    return this.ledger.commitTurn(record, expectedVersion, activities, key, transcript);
  }
  getTranscript() {
    return this.ledger.getTranscript();
  }
  appendActivities(activities: unknown[]) {
    return this.ledger.appendActivities(activities);
  }
  getActivities(watermark: number) {
    return this.ledger.getActivities(watermark);
  }
  recentActivities(limit: number) {
    return this.ledger.recentActivities(limit);
  }
  findActivity(key: string) {
    return this.ledger.findActivity(key);
  }
  async erase() {
    this.ledger.erase();
    this.streams.closeAll();
    await this.ctx.storage.deleteAlarm();
  }

  async turn(id: string, ref: ConversationRef, input: TurnInput, options?: TurnOptions) {
    return (await this.runtimeFor(id)).conversations.turn(id, ref, input, undefined, options);
  }
  async runFollowup(followup: Followup) {
    return (await this.runtimeFor(followup.conversationId)).conversations.runFollowup(followup);
  }
  async directLinePost(conversationId: string, user: DirectLineUser, activity: ClientActivity) {
    return (await this.runtimeFor(conversationId)).directLine.post(conversationId, user, activity);
  }
  async directLineStart(conversationId: string, user: DirectLineUser) {
    return (await this.runtimeFor(conversationId)).directLine.start(conversationId, user);
  }
  async directLineDeliver(conversationId: string, user: DirectLineUser, outputs: Output[], position: Position) {
    return (await this.runtimeFor(conversationId)).directLine.deliver(conversationId, user, outputs, position);
  }

  /**
   * Closes the streams whose token has expired, runs the follow-ups that are due (sending each check-back to the
   * user's channel), and re-arms for whichever comes next. The engine loads only when a follow-up is due.
   */
  async alarm(): Promise<void> {
    const now = Date.now();
    const nextExpiry = this.streams.closeExpired(now);
    const record = this.ledger.currentRecord();
    let nextFollowup = record && (await indexStub(this.env).nextFollowupAt(record.id));
    if (record && (nextFollowup ?? Infinity) <= now) {
      const runtime = await this.runtimeFor(record.id);
      await runDueFollowups(runtime, record.id, now);
      nextFollowup = await runtime.index().nextFollowupAt(record.id);
    }
    const next = Math.min(nextExpiry ?? Infinity, nextFollowup ?? Infinity);
    if (Number.isFinite(next)) await this.ctx.storage.setAlarm(next);
  }

  /** Sets the alarm to `at` unless an earlier one is already set. */
  private async wakeBy(at: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || at < current) await this.ctx.storage.setAlarm(at);
  }

  private runtimeFor(id: string): Promise<ConversationRuntime> {
    this.runtime ??= {
      id,
      ready: import('./conversation-runtime.js').then(({ createConversationRuntime }) =>
        createConversationRuntime({ id, env: this.env, ledger: this.ledger, wakeBy: (at) => this.wakeBy(at) }),
      ),
    };
    if (this.runtime.id !== id) throw new Error(`object of conversation ${this.runtime.id} was asked about ${id}`);
    return this.runtime.ready;
  }
}
