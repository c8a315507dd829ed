/**
 * What this connection last wrote for each recently written conversation: its row, and the length of its
 * activity log. Every turn reads these back (the record to run the turn on, the log's length to number the
 * replies, and again inside the write), and reading them from SQLite cost about a tenth of a Direct Line turn's
 * CPU on the server, several times what the same queries cost alone.
 *
 * Trusted only while no other connection has committed: SQLite's `data_version` changes when one does, and then
 * everything is forgotten and read again. Asking it costs as much as the reads it saves, so it is asked once per
 * write transaction (which holds the write lock, so inside it the answer stays true) and once per pass of the
 * event loop for reads outside one: a read outside a transaction may miss another process's commit made earlier
 * in the same pass, as it could before (the log's length was always read before the turn's own write), and a
 * record read that way fails its write's version check and is read again. A write's entries are kept only once
 * its transaction has committed, and any failure forgets everything. The store forgets an erased or expired
 * conversation as it deletes it, so nothing of it stays in memory either.
 */
import type Database from 'better-sqlite3';

/** A conversation's row as stored (JSON columns as text). */
export interface ConversationRow {
  id: string;
  ref: string;
  state: string;
  version: number;
  created_at: number;
  updated_at: number;
  /** `updated_at`'s hour (see hourOf in sqlite.ts), which the retention sweep's index holds. */
  updated_hour: number;
}

/** What is known of one conversation; a missing field is read from the database. */
export interface KnownConversation {
  row?: ConversationRow;
  /** The activity log's last sequence number (its length). */
  activities?: number;
}

/** The cache; see the module comment for when it is trusted. */
export interface Known {
  /** What is known of `id` as the database holds it (see the module comment for how fresh). */
  get(id: string): KnownConversation | undefined;
  /** A write transaction began: the next `get` asks SQLite whether another connection committed. */
  began(): void;
  /** Notes what the running transaction leaves of `id`; kept only when `committed` follows. */
  stage(id: string, entry: KnownConversation): void;
  /** The running transaction (or autocommitted statement) committed: keep what it staged. */
  committed(): void;
  /** A transaction or one of its savepoints failed: forget everything, staged or kept. */
  failed(): void;
  /** Forgets `id` (it was erased). */
  forget(id: string): void;
}

/** Remembers up to `capacity` conversations, the most recently written ones. */
export function createKnown(db: Database.Database, capacity: number): Known {
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  let seen = dataVersion.get();
  const entries = new Map<string, KnownConversation>();
  let staged: [string, KnownConversation][] = [];
  let checked = false;
  const expire = () => {
    checked = false;
  };

  return {
    get(id) {
      if (!checked) {
        checked = true;
        setImmediate(expire);
        const version = dataVersion.get();
        if (version !== seen) {
          seen = version;
          entries.clear();
        }
      }
      return entries.get(id);
    },
    began() {
      checked = false;
    },
    stage(id, entry) {
      staged.push([id, entry]);
    },
    committed() {
      for (const [id, entry] of staged) {
        const before = entries.get(id);
        entries.delete(id);
        entries.set(id, before ? { ...before, ...entry } : entry);
        if (entries.size > capacity) entries.delete(entries.keys().next().value!);
      }
      staged = [];
    },
    failed() {
      staged = [];
      entries.clear();
    },
    forget(id) {
      entries.delete(id);
    },
  };
}
