/** The SQLite store's prepared statements, the rows they read, and those rows as the store's values (see sqlite.ts). */
import type Database from 'better-sqlite3';
import type { ConversationRow } from './sqlite-known.js';
import type { Delivery, Followup } from './types.js';

export interface FollowupRow { id: string; conversation_id: string; due_at: number; text: string }
export interface DeliveryRow {
  id: string; conversation_id: string; target: string; payload: string; attempts: number; next_at: number; last_error: string | null;
}

/**
 * The activities one append added to a conversation's log: their JSON array, keyed by the sequence number of the
 * last one, so `MAX(seq)` is the log's length and the watermark.
 */
export interface LogRow { seq: number; body: string }

export const toFollowup = (row: FollowupRow): Followup => ({ id: row.id, conversationId: row.conversation_id, dueAt: row.due_at, text: row.text });

/** The activities of `rows` (oldest first) numbered after `watermark`. */
export function activitiesAfter(rows: LogRow[], watermark: number): unknown[] {
  const activities: unknown[] = [];
  for (const row of rows) {
    const added = JSON.parse(row.body) as unknown[];
    const first = row.seq - added.length + 1;
    activities.push(...(first > watermark ? added : added.slice(watermark - first + 1)));
  }
  return activities;
}

export function toDelivery(row: DeliveryRow): Delivery {
  const delivery: Delivery = {
    id: row.id, conversationId: row.conversation_id, target: row.target, payload: JSON.parse(row.payload),
    attempts: row.attempts, nextAt: row.next_at,
  };
  if (row.last_error !== null) delivery.lastError = row.last_error;
  return delivery;
}

/** Prepares every statement the store runs, once per connection. */
export function prepareStatements(db: Database.Database) {
  return {
    getConversation: db.prepare<[string], ConversationRow>('SELECT * FROM conversations WHERE id = ?'),
    insertConversation: db.prepare(
      `INSERT INTO conversations (id, ref, state, version, created_at, updated_at, updated_hour)
       VALUES (@id, @ref, @state, @version, @created_at, @updated_at, @updated_hour) ON CONFLICT (id) DO NOTHING`,
    ),
    updateConversation: db.prepare(
      `UPDATE conversations SET ref = @ref, state = @state, version = @version, created_at = @created_at, updated_at = @updated_at,
       updated_hour = @updated_hour WHERE id = @id AND version = @expectedVersion`,
    ),
    // The same without the hour: SQLite rewrites an index entry whenever the UPDATE sets its column, even to the
    // value it had, so a turn in the hour of the stored one must not name it at all.
    updateConversationInHour: db.prepare(
      `UPDATE conversations SET ref = @ref, state = @state, version = @version, created_at = @created_at, updated_at = @updated_at
       WHERE id = @id AND version = @expectedVersion`,
    ),
    lastActivity: db.prepare<[string], { seq: number | null }>('SELECT MAX(activity_seq) AS seq FROM appends WHERE conversation_id = ?'),
    insertAppend: db.prepare<[string, number | null, string | null, string | null, number | null, string | null]>(
      'INSERT INTO appends (conversation_id, activity_seq, activities, lines, at, events) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    recentActivities: db.prepare<[string, number], LogRow>(
      `SELECT activity_seq AS seq, activities AS body FROM appends WHERE conversation_id = ? AND activity_seq IS NOT NULL
       ORDER BY activity_seq DESC LIMIT ?`,
    ),
    insertActivityKey: db.prepare('INSERT INTO activity_keys (conversation_id, key, seq) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
    findActivity: db.prepare<[string, string], LogRow & { wanted: number }>(
      `SELECT a.activity_seq AS seq, a.activities AS body, k.seq AS wanted FROM activity_keys k JOIN appends a
       ON a.conversation_id = k.conversation_id
       AND a.activity_seq = (SELECT MIN(activity_seq) FROM appends WHERE conversation_id = k.conversation_id AND activity_seq >= k.seq)
       WHERE k.conversation_id = ? AND k.key = ?`,
    ),
    activitiesAfter: db.prepare<[string, number], LogRow>(
      'SELECT activity_seq AS seq, activities AS body FROM appends WHERE conversation_id = ? AND activity_seq > ? ORDER BY activity_seq',
    ),
    transcript: db.prepare<[string], { body: string }>(
      'SELECT lines AS body FROM appends WHERE conversation_id = ? AND lines IS NOT NULL ORDER BY rowid',
    ),
    claim: db.prepare('INSERT INTO claims (key, at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING'),
    putLink: db.prepare(
      'INSERT INTO links (key, conversation_id, value) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET conversation_id = excluded.conversation_id, value = excluded.value',
    ),
    getLink: db.prepare<[string], { conversation_id: string; value: string }>('SELECT conversation_id, value FROM links WHERE key = ?'),
    putFollowup: db.prepare(
      `INSERT INTO followups (id, conversation_id, due_at, text) VALUES (@id, @conversationId, @dueAt, @text)
       ON CONFLICT (id) DO UPDATE SET conversation_id = excluded.conversation_id, due_at = excluded.due_at, text = excluded.text`,
    ),
    cancelFollowup: db.prepare('DELETE FROM followups WHERE id = ?'),
    dueFollowups: db.prepare<[number, number], FollowupRow>('SELECT * FROM followups WHERE due_at <= ? ORDER BY due_at, id LIMIT ?'),
    enqueueDelivery: db.prepare(
      `INSERT INTO deliveries (id, conversation_id, target, payload, attempts, next_at, last_error)
       VALUES (@id, @conversationId, @target, @payload, @attempts, @nextAt, @lastError) ON CONFLICT (id) DO NOTHING`,
    ),
    dueDeliveries: db.prepare<[number, number], DeliveryRow>('SELECT * FROM deliveries WHERE next_at <= ? ORDER BY next_at, id LIMIT ?'),
    completeDelivery: db.prepare('DELETE FROM deliveries WHERE id = ?'),
    retryDelivery: db.prepare('UPDATE deliveries SET attempts = attempts + 1, next_at = ?, last_error = ? WHERE id = ?'),
    listEvents: db.prepare<[number, number], { body: string }>('SELECT events AS body FROM appends WHERE at >= ? AND at < ? ORDER BY at, rowid'),
    staleConversations: db.prepare<[number, number], { id: string }>('SELECT id FROM conversations WHERE updated_hour <= ? AND updated_at < ?'),
    forgetClaims: db.prepare('DELETE FROM claims WHERE at < ?'),
    erase: ['conversations WHERE id', 'appends WHERE conversation_id', 'activity_keys WHERE conversation_id', 'followups WHERE conversation_id',
      'deliveries WHERE conversation_id', 'links WHERE conversation_id'].map((target) => db.prepare(`DELETE FROM ${target} = ?`)),
    ping: db.prepare('SELECT 1'),
  };
}
