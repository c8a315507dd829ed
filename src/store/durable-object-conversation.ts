/**
 * One conversation's own storage inside its Durable Object (SQLite): the record and the Direct Line activity log.
 * Every method is synchronous SQL, so each call is atomic within the object: nothing interleaves inside it,
 * and the writes of one call commit together (in a storage transaction when the object passes its runner).
 */
import type { SqlStorage } from '@cloudflare/workers-types';
import type { TranscriptEntry } from '../core/types.js';
import type { ConversationRecord } from './types.js';

type Awaitable<T> = T | Promise<T>;

/** What the routing store asks of a conversation's object (called in place, or over RPC from another isolate). */
export interface ConversationLedgerApi {
  getRecord(id: string): Awaitable<ConversationRecord | undefined>;
  /** False when the stored version is not `expectedVersion` (a lost compare-and-set). */
  putRecord(record: ConversationRecord, expectedVersion: number): Awaitable<boolean>;
  /**
   * Writes the record (compare-and-set), appends activities (the first under `key` when given) and transcript
   * lines, as one atomic write. Resolves with the new watermark, or false on a lost compare-and-set (nothing written).
   */
  commitTurn(
    record: ConversationRecord, expectedVersion: number, activities: unknown[], key: string | undefined, transcript: TranscriptEntry[],
  ): Awaitable<number | false>;
  /** The transcript, oldest first. */
  getTranscript(): Awaitable<TranscriptEntry[]>;
  appendActivities(activities: unknown[]): Awaitable<number>;
  getActivities(watermark: number): Awaitable<{ activities: unknown[]; watermark: number }>;
  /** The last `limit` activities, oldest first, and the watermark. */
  recentActivities(limit: number): Awaitable<{ activities: unknown[]; watermark: number }>;
  /** The activity appended under `key`, if any (null over RPC when there is none). */
  findActivity(key: string): Awaitable<unknown>;
  /** Erases the record, the transcript and the activity log. */
  erase(): Awaitable<void>;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS record (id TEXT PRIMARY KEY, version INTEGER NOT NULL, json TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS activities (seq INTEGER PRIMARY KEY, json TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS activity_keys (key TEXT PRIMARY KEY, seq INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS transcript (seq INTEGER PRIMARY KEY, json TEXT NOT NULL);
`;

/** Runs a closure as one storage transaction (the object's `ctx.storage.transactionSync`). */
export type TransactSync = <T>(closure: () => T) => T;

/** Outside an object (no storage transactions to ask for), synchronous SQL with no await in between is already one write. */
const inPlace: TransactSync = (closure) => closure();

/** Told of every append once it is committed: the activities and the log's watermark after them. */
export type OnAppended = (activities: unknown[], watermark: number) => void;

/** The SQL behind one conversation's Durable Object. */
export class ConversationLedger implements ConversationLedgerApi {
  constructor(
    private readonly sql: SqlStorage,
    private readonly transact: TransactSync = inPlace,
    private readonly onAppended?: OnAppended,
  ) {
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
    return this.transact(() => this.writeRecord(record, expectedVersion));
  }

  commitTurn(
    record: ConversationRecord, expectedVersion: number, activities: unknown[], key: string | undefined, transcript: TranscriptEntry[],
  ): number | false {
    const watermark = this.transact(() => {
      if (!this.writeRecord(record, expectedVersion)) return false;
      for (const line of transcript) this.sql.exec('INSERT INTO transcript (json) VALUES (?)', JSON.stringify(line));
      if (key !== undefined && activities.length > 0) {
        const last = this.sql.exec<{ seq: number | null }>('SELECT max(seq) AS seq FROM activities').one().seq ?? 0;
        this.sql.exec('INSERT OR IGNORE INTO activity_keys (key, seq) VALUES (?, ?)', key, last + 1);
      }
      return this.insertActivities(activities);
    });
    if (watermark !== false) this.appended(activities, watermark);
    return watermark;
  }

  private writeRecord(record: ConversationRecord, expectedVersion: number): boolean {
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
    const watermark = this.transact(() => this.insertActivities(activities));
    this.appended(activities, watermark);
    return watermark;
  }

  private appended(activities: unknown[], watermark: number): void {
    if (activities.length > 0) this.onAppended?.(activities, watermark);
  }

  recentActivities(limit: number): { activities: unknown[]; watermark: number } {
    const rows = limit > 0
      ? this.sql.exec<{ json: string }>('SELECT json FROM activities ORDER BY seq DESC LIMIT ?', limit).toArray()
      : [];
    return { activities: rows.reverse().map((row) => JSON.parse(row.json) as unknown), watermark: this.activityCount() };
  }

  findActivity(key: string): unknown {
    const row = this.sql
      .exec<{ json: string }>('SELECT a.json FROM activity_keys k JOIN activities a ON a.seq = k.seq WHERE k.key = ?', key)
      .toArray()[0];
    return row ? (JSON.parse(row.json) as unknown) : null;
  }

  getActivities(watermark: number): { activities: unknown[]; watermark: number } {
    const rows = this.sql
      .exec<{ json: string }>('SELECT json FROM activities WHERE seq > ? ORDER BY seq', Math.max(0, watermark))
      .toArray();
    return { activities: rows.map((row) => JSON.parse(row.json) as unknown), watermark: this.activityCount() };
  }

  getTranscript(): TranscriptEntry[] {
    return this.sql.exec<{ json: string }>('SELECT json FROM transcript ORDER BY seq').toArray().map((row) => JSON.parse(row.json) as TranscriptEntry);
  }

  erase(): void {
    this.sql.exec('DELETE FROM record; DELETE FROM activities; DELETE FROM activity_keys; DELETE FROM transcript;');
  }

  private insertActivities(activities: unknown[]): number {
    for (const activity of activities) this.sql.exec('INSERT INTO activities (json) VALUES (?)', JSON.stringify(activity));
    return this.activityCount();
  }

  private activityCount(): number {
    return this.sql.exec<{ n: number }>('SELECT count(*) AS n FROM activities').one().n;
  }
}
