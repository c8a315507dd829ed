/**
 * The one "index" Durable Object's storage (SQLite): everything that is asked across conversations.
 * Webhook dedupe keys, the follow-up and delivery queues, the analytics events, and each conversation's last
 * update (for retention). Conversations' own records stay in their own objects.
 */
import type { SqlStorage } from '@cloudflare/workers-types';
import type { Delivery, Followup, StoredEvent, StoredLink } from './types.js';

type Awaitable<T> = T | Promise<T>;

/** What one turn tells the index besides its last-update time (see `recordTurn`). */
export interface TurnBookkeeping {
  followups?: Followup[] | undefined;
  cancelFollowups?: string[] | undefined;
  deliveries?: Delivery[] | undefined;
  events?: StoredEvent[] | undefined;
}

/** What the routing store asks of the index object (called in place, or over RPC). */
export interface IndexLedgerApi {
  claimOnce(key: string, at: number): Awaitable<boolean>;
  putLink(key: string, conversationId: string, value: string): Awaitable<void>;
  /** The link under `key` (null over RPC when there is none). */
  getLink(key: string): Awaitable<StoredLink | null>;
  touchConversation(id: string, updatedAt: number): Awaitable<void>;
  /**
   * A committed turn's bookkeeping in one call: its last-update time, follow-ups scheduled and cancelled, queued
   * deliveries and analytics events, written together (one call, one storage transaction).
   */
  recordTurn(id: string, updatedAt: number, turn: TurnBookkeeping): Awaitable<void>;
  /** Drops everything the index holds about one conversation. */
  forgetConversation(id: string): Awaitable<void>;
  staleConversations(before: number): Awaitable<string[]>;
  /** Forgets dedupe keys claimed before `before`. */
  forgetClaims(before: number): Awaitable<void>;
  putFollowup(followup: Followup): Awaitable<void>;
  cancelFollowup(id: string): Awaitable<void>;
  dueFollowups(now: number, limit: number, conversationId?: string): Awaitable<Followup[]>;
  /** When the conversation's earliest pending follow-up is due, if it has one. */
  nextFollowupAt(conversationId: string): Awaitable<number | undefined>;
  enqueueDelivery(delivery: Delivery): Awaitable<void>;
  dueDeliveries(now: number, limit: number): Awaitable<Delivery[]>;
  /** When the earliest queued delivery is due, if any. */
  nextDeliveryAt(): Awaitable<number | undefined>;
  completeDelivery(id: string): Awaitable<void>;
  retryDelivery(id: string, nextAt: number, error: string): Awaitable<void>;
  appendEvents(events: StoredEvent[]): Awaitable<void>;
  listEvents(from: number, to: number): Awaitable<StoredEvent[]>;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS claims (key TEXT PRIMARY KEY, at INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS claims_at ON claims (at);
  CREATE TABLE IF NOT EXISTS conversations (id TEXT PRIMARY KEY, updated_at INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS conversations_updated ON conversations (updated_at);
  CREATE TABLE IF NOT EXISTS followups (
    id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL, due_at INTEGER NOT NULL, text TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS followups_due ON followups (due_at);
  CREATE INDEX IF NOT EXISTS followups_conversation ON followups (conversation_id, due_at);
  CREATE TABLE IF NOT EXISTS deliveries (
    id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL, next_at INTEGER NOT NULL, json TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS deliveries_next ON deliveries (next_at);
  CREATE INDEX IF NOT EXISTS deliveries_conversation ON deliveries (conversation_id);
  CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, conversation_id TEXT NOT NULL, at INTEGER NOT NULL, json TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS events_at ON events (at);
  CREATE INDEX IF NOT EXISTS events_conversation ON events (conversation_id);
  CREATE TABLE IF NOT EXISTS links (key TEXT PRIMARY KEY, conversation_id TEXT NOT NULL, value TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS links_conversation ON links (conversation_id);
`;

type FollowupRow = { id: string; conversation_id: string; due_at: number; text: string };
const toFollowup = (row: FollowupRow): Followup => ({
  id: row.id,
  conversationId: row.conversation_id,
  dueAt: row.due_at,
  text: row.text,
});
const parse = <T>(rows: { json: string }[]): T[] => rows.map((row) => JSON.parse(row.json) as T);

/** The SQL behind the index Durable Object. */
export class IndexLedger implements IndexLedgerApi {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(SCHEMA);
  }

  claimOnce(key: string, at: number): boolean {
    return this.sql.exec('INSERT OR IGNORE INTO claims (key, at) VALUES (?, ?)', key, at).rowsWritten > 0;
  }

  putLink(key: string, conversationId: string, value: string): void {
    this.sql.exec('INSERT OR REPLACE INTO links (key, conversation_id, value) VALUES (?, ?, ?)', key, conversationId, value);
  }

  getLink(key: string): StoredLink | null {
    const row = this.sql.exec<{ conversation_id: string; value: string }>('SELECT conversation_id, value FROM links WHERE key = ?', key).toArray()[0];
    return row ? { conversationId: row.conversation_id, value: row.value } : null;
  }

  touchConversation(id: string, updatedAt: number): void {
    this.sql.exec('INSERT OR REPLACE INTO conversations (id, updated_at) VALUES (?, ?)', id, updatedAt);
  }

  recordTurn(id: string, updatedAt: number, turn: TurnBookkeeping): void {
    this.touchConversation(id, updatedAt);
    for (const followup of turn.followups ?? []) this.putFollowup(followup);
    for (const cancelled of turn.cancelFollowups ?? []) this.cancelFollowup(cancelled);
    for (const delivery of turn.deliveries ?? []) this.enqueueDelivery(delivery);
    this.appendEvents(turn.events ?? []);
  }

  forgetConversation(id: string): void {
    this.sql.exec('DELETE FROM conversations WHERE id = ?', id);
    for (const table of ['followups', 'deliveries', 'events', 'links']) this.sql.exec(`DELETE FROM ${table} WHERE conversation_id = ?`, id);
  }

  staleConversations(before: number): string[] {
    return this.sql
      .exec<{ id: string }>('SELECT id FROM conversations WHERE updated_at < ?', before)
      .toArray()
      .map((row) => row.id);
  }

  forgetClaims(before: number): void {
    this.sql.exec('DELETE FROM claims WHERE at < ?', before);
  }

  putFollowup(followup: Followup): void {
    this.sql.exec(
      'INSERT OR REPLACE INTO followups (id, conversation_id, due_at, text) VALUES (?, ?, ?, ?)',
      followup.id,
      followup.conversationId,
      followup.dueAt,
      followup.text,
    );
  }

  cancelFollowup(id: string): void {
    this.sql.exec('DELETE FROM followups WHERE id = ?', id);
  }

  dueFollowups(now: number, limit: number, conversationId?: string): Followup[] {
    const rows =
      conversationId === undefined
        ? this.sql.exec<FollowupRow>('SELECT * FROM followups WHERE due_at <= ? ORDER BY due_at, id LIMIT ?', now, limit)
        : this.sql.exec<FollowupRow>(
            'SELECT * FROM followups WHERE conversation_id = ? AND due_at <= ? ORDER BY due_at, id LIMIT ?',
            conversationId,
            now,
            limit,
          );
    return rows.toArray().map(toFollowup);
  }

  nextFollowupAt(conversationId: string): number | undefined {
    const row = this.sql
      .exec<{ at: number | null }>('SELECT min(due_at) AS at FROM followups WHERE conversation_id = ?', conversationId)
      .one();
    return row.at ?? undefined;
  }

  enqueueDelivery(delivery: Delivery): void {
    this.sql.exec(
      'INSERT OR IGNORE INTO deliveries (id, conversation_id, next_at, json) VALUES (?, ?, ?, ?)',
      delivery.id,
      delivery.conversationId,
      delivery.nextAt,
      JSON.stringify(delivery),
    );
  }

  dueDeliveries(now: number, limit: number): Delivery[] {
    return parse<Delivery>(
      this.sql
        .exec<{ json: string }>('SELECT json FROM deliveries WHERE next_at <= ? ORDER BY next_at, id LIMIT ?', now, limit)
        .toArray(),
    );
  }

  nextDeliveryAt(): number | undefined {
    return this.sql.exec<{ at: number | null }>('SELECT min(next_at) AS at FROM deliveries').one().at ?? undefined;
  }

  completeDelivery(id: string): void {
    this.sql.exec('DELETE FROM deliveries WHERE id = ?', id);
  }

  retryDelivery(id: string, nextAt: number, error: string): void {
    const row = this.sql.exec<{ json: string }>('SELECT json FROM deliveries WHERE id = ?', id).toArray()[0];
    if (!row) return;
    const found = JSON.parse(row.json) as Delivery;
    const retried: Delivery = { ...found, attempts: found.attempts + 1, nextAt, lastError: error };
    this.sql.exec('UPDATE deliveries SET next_at = ?, json = ? WHERE id = ?', nextAt, JSON.stringify(retried), id);
  }

  appendEvents(events: StoredEvent[]): void {
    for (const event of events) {
      this.sql.exec(
        'INSERT INTO events (conversation_id, at, json) VALUES (?, ?, ?)',
        event.conversationId,
        event.at,
        JSON.stringify(event),
      );
    }
  }

  listEvents(from: number, to: number): StoredEvent[] {
    return parse<StoredEvent>(
      this.sql.exec<{ json: string }>('SELECT json FROM events WHERE at >= ? AND at < ? ORDER BY at, seq', from, to).toArray(),
    );
  }
}
