/** The SQLite schema, created on open and upgraded step by step through `PRAGMA user_version`. */
import type Database from 'better-sqlite3';

/**
 * Each entry upgrades the schema by one version. Append new entries; never edit a shipped one,
 * because databases already at that version will not run it again.
 */
const MIGRATIONS: string[] = [
  `
  CREATE TABLE conversations (
    id TEXT PRIMARY KEY,
    ref TEXT NOT NULL,
    state TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX conversations_updated_at ON conversations (updated_at);

  CREATE TABLE activities (
    conversation_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (conversation_id, seq)
  ) WITHOUT ROWID;

  CREATE TABLE claims (
    key TEXT PRIMARY KEY,
    at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX claims_at ON claims (at);

  CREATE TABLE followups (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    due_at INTEGER NOT NULL,
    text TEXT NOT NULL
  );
  CREATE INDEX followups_due_at ON followups (due_at, id);
  CREATE INDEX followups_conversation ON followups (conversation_id);

  CREATE TABLE deliveries (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    target TEXT NOT NULL,
    payload TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_at INTEGER NOT NULL,
    last_error TEXT
  );
  CREATE INDEX deliveries_next_at ON deliveries (next_at, id);
  CREATE INDEX deliveries_conversation ON deliveries (conversation_id);

  CREATE TABLE events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX events_at ON events (at, seq);
  CREATE INDEX events_conversation ON events (conversation_id);
  `,
  `
  CREATE TABLE activity_keys (
    conversation_id TEXT NOT NULL,
    key TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, key)
  ) WITHOUT ROWID;
  `,
  `
  CREATE TABLE links (
    key TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    value TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX links_conversation ON links (conversation_id);
  `,
  `
  CREATE TABLE transcript (
    conversation_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (conversation_id, seq)
  ) WITHOUT ROWID;
  `,
  // Rows of a few hundred bytes and more sit better in rowid tables with a small key index than in WITHOUT ROWID
  // trees, and events need no AUTOINCREMENT (its counter is one more page written per turn): a turn's commit
  // writes about 15% less.
  `
  CREATE TABLE activities_v5 (conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL);
  INSERT INTO activities_v5 (conversation_id, seq, body) SELECT conversation_id, seq, body FROM activities ORDER BY conversation_id, seq;
  DROP TABLE activities;
  ALTER TABLE activities_v5 RENAME TO activities;
  CREATE UNIQUE INDEX activities_seq ON activities (conversation_id, seq);

  CREATE TABLE transcript_v5 (conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL);
  INSERT INTO transcript_v5 (conversation_id, seq, body) SELECT conversation_id, seq, body FROM transcript ORDER BY conversation_id, seq;
  DROP TABLE transcript;
  ALTER TABLE transcript_v5 RENAME TO transcript;
  CREATE UNIQUE INDEX transcript_seq ON transcript (conversation_id, seq);

  CREATE TABLE events_v5 (seq INTEGER PRIMARY KEY, conversation_id TEXT NOT NULL, at INTEGER NOT NULL, body TEXT NOT NULL);
  INSERT INTO events_v5 (seq, conversation_id, at, body) SELECT seq, conversation_id, at, body FROM events ORDER BY seq;
  DROP TABLE events;
  ALTER TABLE events_v5 RENAME TO events;
  CREATE INDEX events_at ON events (at, seq);
  CREATE INDEX events_conversation ON events (conversation_id);
  DELETE FROM sqlite_sequence WHERE name = 'events';
  `,
  // One row per append: the JSON array of the activities (or transcript lines) it added, keyed by the last one's
  // sequence number. A turn's two to four activities and lines were one row and one index entry each; a turn's
  // commit now costs about 17% less CPU.
  `
  UPDATE activities SET body = '[' || body || ']';
  UPDATE transcript SET body = '[' || body || ']';
  `,
  // One row per write for everything a commit appends to a conversation: its activities (numbered by the last
  // one's sequence number, NULL when it adds none), its transcript lines and its events (under their time). A
  // Direct Line turn inserted three rows and four index entries; it now inserts one row and two index entries.
  // A conversation's lines are read in rowid order, which is the order they were written: a new row's rowid is
  // one more than the largest in the table.
  `
  CREATE TABLE appends (
    conversation_id TEXT NOT NULL,
    activity_seq INTEGER,
    activities TEXT,
    lines TEXT,
    at INTEGER,
    events TEXT
  );
  INSERT INTO appends (conversation_id, activity_seq, activities)
    SELECT conversation_id, seq, body FROM activities ORDER BY conversation_id, seq;
  INSERT INTO appends (conversation_id, lines) SELECT conversation_id, body FROM transcript ORDER BY conversation_id, seq;
  INSERT INTO appends (conversation_id, at, events) SELECT conversation_id, at, '[' || body || ']' FROM events ORDER BY seq;
  DROP TABLE activities;
  DROP TABLE transcript;
  DROP TABLE events;
  CREATE UNIQUE INDEX appends_activity ON appends (conversation_id, activity_seq);
  CREATE INDEX appends_at ON appends (at) WHERE at IS NOT NULL;
  `,
  // The retention sweep finds stale conversations by the hour of their last write (integer division of the
  // milliseconds), not by its exact time: a turn in the same hour as the one before leaves the index as it is, so
  // a lone turn's commit writes one page less (the index's last page) to the WAL.
  `
  ALTER TABLE conversations ADD COLUMN updated_hour INTEGER NOT NULL DEFAULT 0;
  UPDATE conversations SET updated_hour = updated_at / 3600000;
  DROP INDEX conversations_updated_at;
  CREATE INDEX conversations_updated_hour ON conversations (updated_hour);
  `,
];

/** Brings the database to the latest schema version (or to `target`, for tests) inside one transaction. */
export function migrate(db: Database.Database, target = MIGRATIONS.length): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `the database schema is version ${current} but this build knows only up to ${MIGRATIONS.length}; run a newer build or point DATA_DIR at another folder`,
    );
  }
  db.transaction(() => {
    for (let version = current; version < target; version += 1) {
      db.exec(MIGRATIONS[version] as string);
      db.pragma(`user_version = ${version + 1}`);
    }
  }).immediate();
}
