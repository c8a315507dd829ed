/** The SQLite store's prepared statements and the rows they read (see sqlite.ts). */
import type Database from 'better-sqlite3';
import type { ConversationRow } from './sqlite-known.js';

export interface FollowupRow { id: string; conversation_id: string; due_at: number; text: string }
export interface DeliveryRow {
  id: string; conversation_id: string; target: string; payload: string; attempts: number; next_at: number; last_error: string | null;
}

/**
 * A row of the activity log (and of the transcript): the JSON array of what one append added, keyed by the
 * sequence number of its last entry, so `MAX(seq)` is still the count and the watermark.
 */
export interface LogRow { seq: number; body: string }

/** Prepares every statement the store runs, once per connection. */
export function prepareStatements(db: Database.Database) {
  return {
    getConversation: db.prepare<[string], ConversationRow>('SELECT * FROM conversations WHERE id = ?'),
    insertConversation: db.prepare(
      `INSERT INTO conversations (id, ref, state, version, created_at, updated_at)
       VALUES (@id, @ref, @state, @version, @created_at, @updated_at) ON CONFLICT (id) DO NOTHING`,
    ),
    updateConversation: db.prepare(
      `UPDATE conversations SET ref = @ref, state = @state, version = @version, created_at = @created_at, updated_at = @updated_at
       WHERE id = @id AND version = @expectedVersion`,
    ),
    lastActivity: db.prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM activities WHERE conversation_id = ?'),
    insertActivities: db.prepare('INSERT INTO activities (conversation_id, seq, body) VALUES (?, ?, ?)'),
    recentActivities: db.prepare<[string, number], LogRow>(
      'SELECT seq, body FROM activities WHERE conversation_id = ? ORDER BY seq DESC LIMIT ?',
    ),
    insertActivityKey: db.prepare('INSERT INTO activity_keys (conversation_id, key, seq) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
    findActivity: db.prepare<[string, string], LogRow & { wanted: number }>(
      `SELECT a.seq, a.body, k.seq AS wanted FROM activity_keys k JOIN activities a ON a.conversation_id = k.conversation_id
       AND a.seq = (SELECT MIN(seq) FROM activities WHERE conversation_id = k.conversation_id AND seq >= k.seq)
       WHERE k.conversation_id = ? AND k.key = ?`,
    ),
    activitiesAfter: db.prepare<[string, number], LogRow>(
      'SELECT seq, body FROM activities WHERE conversation_id = ? AND seq > ? ORDER BY seq',
    ),
    lastLine: db.prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM transcript WHERE conversation_id = ?'),
    insertLines: db.prepare('INSERT INTO transcript (conversation_id, seq, body) VALUES (?, ?, ?)'),
    transcript: db.prepare<[string], { body: string }>('SELECT body FROM transcript WHERE conversation_id = ? ORDER BY seq'),
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
    insertEvent: db.prepare('INSERT INTO events (conversation_id, at, body) VALUES (?, ?, ?)'),
    listEvents: db.prepare<[number, number], { body: string }>('SELECT body FROM events WHERE at >= ? AND at < ? ORDER BY at, seq'),
    staleConversations: db.prepare<[number], { id: string }>('SELECT id FROM conversations WHERE updated_at < ?'),
    forgetClaims: db.prepare('DELETE FROM claims WHERE at < ?'),
    erase: ['conversations WHERE id', 'activities WHERE conversation_id', 'activity_keys WHERE conversation_id', 'followups WHERE conversation_id',
      'deliveries WHERE conversation_id', 'events WHERE conversation_id', 'links WHERE conversation_id', 'transcript WHERE conversation_id'].map((target) => db.prepare(`DELETE FROM ${target} = ?`)),
    ping: db.prepare('SELECT 1'),
  };
}
