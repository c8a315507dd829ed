/**
 * The Node store: one SQLite file (better-sqlite3) in WAL mode. Node-only: import it from the Node runtime
 * and tests, never from shared code.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { createCheckpointer } from './sqlite-checkpoint.js';
import { groupCommit } from './sqlite-group-commit.js';
import { createKnown, type ConversationRow } from './sqlite-known.js';
import { activitiesAfter, prepareStatements, toDelivery, toFollowup } from './sqlite-statements.js';
import { migrate } from './sqlite-schema.js';
import type { TranscriptEntry } from '../core/types.js';
import {
  VersionConflictError, type ConversationRecord, type Delivery, type Store, type StoredEvent, type TurnWrite,
} from './types.js';

/** Where the Node server keeps its database inside DATA_DIR. */
export const sqliteFileIn = (dataDir: string): string => join(dataDir, 'softbounce.db');

/** What one write appends to a conversation (see `append` in openSqliteStore). */
interface Appended {
  activities?: unknown[] | undefined;
  /** Labels the first of `activities` (see TurnWrite.activityKey). */
  key?: string | undefined;
  lines?: TranscriptEntry[] | undefined;
  events?: StoredEvent[] | undefined;
}

/** The hour of a time in milliseconds, as the schema's `updated_hour` holds it (SQLite's integer division truncates). */
export const hourOf = (ms: number): number => Math.trunc(ms / 3_600_000);

/** How many recently written conversations the store remembers, so a turn need not read them back (sqlite-known.ts). */
const KNOWN_CONVERSATIONS = 2_000;

/**
 * Opens (creating if needed) the database at `file`; ':memory:' gives a private in-memory database.
 * synchronous=NORMAL in WAL mode keeps every committed write across a process crash (kill -9); only a
 * power loss can drop the last few commits.
 */
export function openSqliteStore(file: string): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  // Only a new database takes it (an existing one keeps its page size). A turn dirties about as many pages at 2 KB
  // as at 4 KB, so it writes a third less to the WAL: 17.5 against 23.5 KB a Direct Line turn, 20% less CPU.
  db.pragma('page_size = 2048');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // Erased and expired conversations must not stay readable in free pages: deleted content is overwritten.
  db.pragma('secure_delete = ON');
  migrate(db);
  const checkpoints = file === ':memory:' ? undefined : createCheckpointer(db, file);
  const known = createKnown(db, KNOWN_CONVERSATIONS);

  const q = prepareStatements(db);

  // Write transactions start IMMEDIATE: a deferred one that reads first could fail with SQLITE_BUSY when
  // another connection writes in between, which busy_timeout cannot wait out.
  const erase = (id: string) => {
    for (const statement of q.erase) statement.run(id);
  };
  const deleteConversation = db.transaction(erase);

  /** `write` as a write transaction that keeps what it staged in `known` once committed, or forgets everything. */
  const tracked = <A extends unknown[], R>(write: (...args: A) => R) => {
    const transaction = db.transaction((...args: A): R => {
      known.began();
      return write(...args);
    });
    return (...args: A): R => {
      let result: R;
      try {
        result = transaction.immediate(...args);
      } catch (error) {
        known.failed();
        throw error;
      }
      known.committed();
      return result;
    };
  };

  // An event alone is a row of its own, under its own time.
  const insertEvents = (events: StoredEvent[]): void => {
    for (const event of events) q.insertAppend.run(event.conversationId, null, null, null, event.at, JSON.stringify([event]));
  };

  /**
   * Appends what one write adds to a conversation as one row (see the schema's `appends`): its activities after the
   * log's `last` sequence number, its transcript lines, and its events when they are all of this conversation and
   * share one time (the row is listed under it; others get rows of their own). Returns the log's new length.
   */
  const append = (conversationId: string, added: Appended, last: number | undefined): number => {
    const seq = last ?? q.lastActivity.get(conversationId)?.seq ?? 0;
    const { activities = [], key, lines = [], events = [] } = added;
    const at = events[0]?.at;
    const eventsHere = at !== undefined && events.every((event) => event.at === at && event.conversationId === conversationId);
    if (activities.length > 0 || lines.length > 0 || eventsHere) {
      if (key !== undefined && activities.length > 0) q.insertActivityKey.run(conversationId, key, seq + 1);
      q.insertAppend.run(
        conversationId,
        activities.length > 0 ? seq + activities.length : null,
        activities.length > 0 ? JSON.stringify(activities) : null,
        lines.length > 0 ? JSON.stringify(lines) : null,
        eventsHere ? at : null,
        eventsHere ? JSON.stringify(events) : null,
      );
    }
    if (!eventsHere) insertEvents(events);
    return seq + activities.length;
  };
  const appendActivities = tracked((conversationId: string, activities: unknown[]) => {
    const seq = append(conversationId, { activities }, known.get(conversationId)?.activities);
    known.stage(conversationId, { activities: seq });
    return seq;
  });

  /** Writes the record; `stored` is its row as this connection knows it, if it does (it spares the hour's index entry). */
  const putConversation = (record: ConversationRecord, expectedVersion: number, stored: ConversationRow | undefined): ConversationRow => {
    const row: ConversationRow = {
      id: record.id, ref: JSON.stringify(record.ref), state: JSON.stringify(record.state),
      version: record.version, created_at: record.createdAt, updated_at: record.updatedAt, updated_hour: hourOf(record.updatedAt),
    };
    // A stale `stored` has another version than `expectedVersion`, so the write fails its compare-and-set either way.
    const update = stored?.updated_hour === row.updated_hour ? q.updateConversationInHour : q.updateConversation;
    const written = expectedVersion === 0 ? q.insertConversation.run(row) : update.run(Object.assign({ expectedVersion }, row));
    if (written.changes !== 1) throw new VersionConflictError(record.id);
    return row;
  };
  const putOne = tracked((record: ConversationRecord, expectedVersion: number) => {
    known.stage(record.id, { row: putConversation(record, expectedVersion, known.get(record.id)?.row) });
  });
  const enqueueDelivery = (delivery: Delivery): void => {
    q.enqueueDelivery.run(Object.assign({}, delivery, { payload: JSON.stringify(delivery.payload ?? null), lastError: delivery.lastError ?? null }));
  };
  // The conflict check runs first and throws, which rolls the whole turn back (its savepoint, see sqlite-group-commit).
  const commitTurn = groupCommit(
    db,
    (write: TurnWrite): number => {
      const { id } = write.record;
      const cached = known.get(id);
      const row = putConversation(write.record, write.expectedVersion, cached?.row);
      for (const followup of write.followups ?? []) q.putFollowup.run(followup);
      for (const cancelled of write.cancelFollowups ?? []) q.cancelFollowup.run(cancelled);
      for (const delivery of write.deliveries ?? []) enqueueDelivery(delivery);
      const added: Appended = { activities: write.activities, key: write.activityKey, lines: write.transcript, events: write.events };
      const activities = append(id, added, cached?.activities);
      known.stage(id, { row, activities });
      return activities;
    },
    {
      began: () => known.began(),
      committed: (writes) => {
        known.committed();
        checkpoints?.committed(writes);
      },
      failed: () => known.failed(),
    },
  );

  // One statement, so no transaction is needed for the watermark to match the rows: the newest row's seq is it.
  // Every row holds at least one activity, so `limit` rows hold the last `limit` activities.
  const recentActivities = (conversationId: string, limit: number) => {
    if (limit <= 0) return { activities: [], watermark: known.get(conversationId)?.activities ?? q.lastActivity.get(conversationId)?.seq ?? 0 };
    const rows = q.recentActivities.all(conversationId, limit).reverse();
    return { activities: activitiesAfter(rows, 0).slice(-limit), watermark: rows.at(-1)?.seq ?? 0 };
  };

  // One read transaction, so the watermark counts exactly the rows returned even while another process appends.
  const readActivities = db.transaction((conversationId: string, watermark: number) => {
    const rows = q.activitiesAfter.all(conversationId, watermark);
    const last = q.lastActivity.get(conversationId)?.seq ?? 0;
    return { activities: activitiesAfter(rows, watermark), watermark: last };
  });

  const appendEvents = db.transaction(insertEvents);

  // secure_delete zeroes the live pages, but the WAL still holds earlier copies of them until it is checkpointed
  // and truncated; erasures are rare, so they pay for it.
  // A checkpoint the worker is running makes this one answer busy: wait for it, then truncate.
  const forgetErased = async () => {
    for (let tries = 0; tries < 200; tries += 1) {
      const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (result?.busy === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('the erased conversation is still in the write-ahead log: a checkpoint stayed busy for 2 s');
  };

  const purgeBefore = db.transaction((before: number): string[] => {
    const stale = q.staleConversations.all(hourOf(before), before).map(({ id }) => id);
    for (const id of stale) erase(id);
    q.forgetClaims.run(before);
    return stale;
  });

  return {
    async getConversation(id) {
      const row = known.get(id)?.row ?? q.getConversation.get(id);
      if (!row) return undefined;
      return {
        id: row.id, ref: JSON.parse(row.ref), state: JSON.parse(row.state),
        version: row.version, createdAt: row.created_at, updatedAt: row.updated_at,
      };
    },
    async putConversation(record, expectedVersion) {
      putOne(record, expectedVersion);
    },
    commitTurn,
    async getTranscript(conversationId) {
      return q.transcript.all(conversationId).flatMap((row) => JSON.parse(row.body) as TranscriptEntry[]);
    },
    async deleteConversation(id) {
      deleteConversation.immediate(id);
      known.forget(id);
      await forgetErased();
    },
    async appendActivities(conversationId, activities) {
      return appendActivities(conversationId, activities);
    },
    async getActivities(conversationId, watermark) {
      return readActivities(conversationId, watermark);
    },
    async recentActivities(conversationId, limit) {
      return recentActivities(conversationId, limit);
    },
    async findActivity(conversationId, key) {
      const row = q.findActivity.get(conversationId, key);
      return row && activitiesAfter([row], row.wanted - 1)[0];
    },
    async claimOnce(key, at) {
      return q.claim.run(key, at).changes === 1;
    },
    async putLink(key, conversationId, value) {
      q.putLink.run(key, conversationId, value);
    },
    async getLink(key) {
      const row = q.getLink.get(key);
      return row && { conversationId: row.conversation_id, value: row.value };
    },
    async putFollowup(followup) {
      q.putFollowup.run(followup);
    },
    async cancelFollowup(id) {
      q.cancelFollowup.run(id);
    },
    async dueFollowups(now, limit) {
      return q.dueFollowups.all(now, limit).map(toFollowup);
    },
    async enqueueDelivery(delivery) {
      enqueueDelivery(delivery);
    },
    async dueDeliveries(now, limit) {
      return q.dueDeliveries.all(now, limit).map(toDelivery);
    },
    async completeDelivery(id) {
      q.completeDelivery.run(id);
    },
    async retryDelivery(id, nextAt, error) {
      q.retryDelivery.run(nextAt, error, id);
    },
    async appendEvents(events) {
      appendEvents.immediate(events);
    },
    async listEvents(from, to) {
      return q.listEvents.all(from, to).flatMap((row) => JSON.parse(row.body) as StoredEvent[]);
    },
    async purgeBefore(before) {
      const purged = purgeBefore.immediate(before);
      for (const id of purged) known.forget(id);
      if (purged.length > 0) await forgetErased();
      return purged.length;
    },
    async ping() {
      q.ping.get();
    },
    async close() {
      await checkpoints?.stop();
      if (db.open) db.close();
    },
  };
}
