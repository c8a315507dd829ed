/**
 * One conversation's own storage inside its Durable Object (SQLite): the record and the Direct Line activity log.
 * Every method is synchronous SQL, so each call is atomic within the object: nothing interleaves inside it.
 */
import type { SqlStorage } from '@cloudflare/workers-types';
import type { ConversationRecord } from './types.js';

type Awaitable<T> = T | Promise<T>;

/** What the routing store asks of a conversation's object (called in place, or over RPC from another isolate). */
export interface ConversationLedgerApi {
  getRecord(id: string): Awaitable<ConversationRecord | undefined>;
  /** False when the stored version is not `expectedVersion` (a lost compare-and-set). */
  putRecord(record: ConversationRecord, expectedVersion: number): Awaitable<boolean>;
  appendActivities(activities: unknown[]): Awaitable<number>;
  getActivities(watermark: number): Awaitable<{ activities: unknown[]; watermark: number }>;
  /** Erases the record and the activity log. */
  erase(): Awaitable<void>;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS record (id TEXT PRIMARY KEY, version INTEGER NOT NULL, json TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS activities (seq INTEGER PRIMARY KEY, json TEXT NOT NULL);
`;

/** The SQL behind one conversation's Durable Object. */
export class ConversationLedger implements ConversationLedgerApi {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(SCHEMA);
  }

  getRecord(id: string): ConversationRecord | undefined {
    const row = this.sql.exec<{ json: string }>('SELECT json FROM record WHERE id = ?', id).toArray()[0];
    return row && (JSON.parse(row.json) as ConversationRecord);
  }

  /** The conversation this object holds, if it has one yet (alarms arrive without an id). */
  currentRecord(): ConversationRecord | undefined {
    const row = this.sql.exec<{ json: string }>('SELECT json FROM record LIMIT 1').toArray()[0];
    return row && (JSON.parse(row.json) as ConversationRecord);
  }

  putRecord(record: ConversationRecord, expectedVersion: number): boolean {
    const row = this.sql.exec<{ version: number }>('SELECT version FROM record WHERE id = ?', record.id).toArray()[0];
    if ((row?.version ?? 0) !== expectedVersion) return false;
    this.sql.exec(
      'INSERT OR REPLACE INTO record (id, version, json) VALUES (?, ?, ?)',
      record.id,
      record.version,
      JSON.stringify(record),
    );
    return true;
  }

  appendActivities(activities: unknown[]): number {
    for (const activity of activities) this.sql.exec('INSERT INTO activities (json) VALUES (?)', JSON.stringify(activity));
    return this.activityCount();
  }

  getActivities(watermark: number): { activities: unknown[]; watermark: number } {
    const rows = this.sql
      .exec<{ json: string }>('SELECT json FROM activities WHERE seq > ? ORDER BY seq', Math.max(0, watermark))
      .toArray();
    return { activities: rows.map((row) => JSON.parse(row.json) as unknown), watermark: this.activityCount() };
  }

  erase(): void {
    this.sql.exec('DELETE FROM record; DELETE FROM activities;');
  }

  private activityCount(): number {
    return this.sql.exec<{ n: number }>('SELECT count(*) AS n FROM activities').one().n;
  }
}
