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
];

/** Brings the database to the latest schema version inside one transaction. */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `the database schema is version ${current} but this build knows only up to ${MIGRATIONS.length}; run a newer build or point DATA_DIR at another folder`,
    );
  }
  db.transaction(() => {
    for (let version = current; version < MIGRATIONS.length; version += 1) {
      db.exec(MIGRATIONS[version] as string);
      db.pragma(`user_version = ${version + 1}`);
    }
  }).immediate();
}
