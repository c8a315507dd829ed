import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationRecord } from '../../src/store/types.js';
import { VersionConflictError } from '../../src/store/types.js';
import { migrate } from '../../src/store/sqlite-schema.js';
import { openSqliteStore, sqliteFileIn } from '../../src/store/sqlite.js';

const T0 = Date.UTC(2026, 10, 1, 9);

function record(version: number, stepId: string): ConversationRecord {
  return {
    id: 'c1', version, createdAt: T0, updatedAt: T0 + version,
    ref: { channel: 'directline', conversationId: 'c1' },
    state: {
      version: 1, flowId: 'smtp_421', stepId, status: 'active', handler: 'bot', slots: {}, answers: [], trail: [stepId],
      attempts: 0, humanRequests: 0, startedAt: T0, updatedAt: T0, transcript: [{ from: 'user', text: 'hello', at: T0 }],
    },
  };
}

describe('SQLite store on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'softbounce-sqlite-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates DATA_DIR and the database file in it, in WAL mode with the schema applied', async () => {
    const file = sqliteFileIn(join(dir, 'nested', 'data'));
    const store = openSqliteStore(file);
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(8);
    expect(db.pragma('page_size', { simple: true })).toBe(2048);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
    expect(tables).toEqual(['activity_keys', 'appends', 'claims', 'conversations', 'deliveries', 'followups', 'links']);
    db.close();
  });

  it('keeps everything across a close and reopen', async () => {
    const file = sqliteFileIn(dir);
    const first = openSqliteStore(file);
    await first.putConversation(record(1, 'ask_code'), 0);
    await first.appendActivities('c1', [{ type: 'message', text: 'hello' }]);
    await first.putFollowup({ id: 'f1', conversationId: 'c1', dueAt: T0, text: 'still failing?' });
    await first.close();

    const second = openSqliteStore(file);
    expect(await second.getConversation('c1')).toEqual(record(1, 'ask_code'));
    expect(await second.getActivities('c1', 0)).toEqual({ activities: [{ type: 'message', text: 'hello' }], watermark: 1 });
    expect(await second.dueFollowups(T0, 5)).toHaveLength(1);
    await second.close();
  });

  it('reads the activities of a turn, stored as one row, from any watermark inside it', async () => {
    const store = openSqliteStore(sqliteFileIn(dir));
    await store.putConversation(record(1, 'ask_code'), 0);
    await store.appendActivities('c1', [{ n: 1 }]);
    const turn = [{ n: 2 }, { n: 3 }, { n: 4 }];
    expect(await store.commitTurn({ record: record(2, 'check_queue'), expectedVersion: 1, activities: turn, activityKey: 'client:k' })).toBe(4);
    expect(await store.getActivities('c1', 2)).toEqual({ activities: [{ n: 3 }, { n: 4 }], watermark: 4 });
    expect(await store.getActivities('c1', 0)).toEqual({ activities: [{ n: 1 }, ...turn], watermark: 4 });
    expect(await store.getActivities('c1', 4)).toEqual({ activities: [], watermark: 4 });
    expect(await store.recentActivities('c1', 2)).toEqual({ activities: [{ n: 3 }, { n: 4 }], watermark: 4 });
    expect(await store.recentActivities('c1', 9)).toEqual({ activities: [{ n: 1 }, ...turn], watermark: 4 });
    expect(await store.findActivity('c1', 'client:k')).toEqual({ n: 2 });
    await store.close();
  });

  it('enforces compare-and-set between two connections to the same file', async () => {
    const file = sqliteFileIn(dir);
    const a = openSqliteStore(file);
    const b = openSqliteStore(file);
    await a.putConversation(record(1, 'ask_code'), 0);
    await b.putConversation(record(2, 'check_queue'), 1);
    await expect(a.putConversation(record(2, 'stale'), 1)).rejects.toBeInstanceOf(VersionConflictError);
    expect((await a.getConversation('c1'))?.state.stepId).toBe('check_queue');
    await a.close();
    await b.close();
  });

  it('upgrades a version 1 database in place: its log is kept, new turns are found by key, links and transcript lines are kept', async () => {
    const file = sqliteFileIn(dir);
    const db = new Database(file);
    migrate(db, 1);
    db.prepare("INSERT INTO conversations (id, ref, state, version, created_at, updated_at) VALUES ('c1', ?, ?, 1, ?, ?)")
      .run(JSON.stringify(record(1, 'ask_code').ref), JSON.stringify(record(1, 'ask_code').state), T0, T0);
    db.prepare('INSERT INTO activities (conversation_id, seq, body) VALUES (?, ?, ?)').run('c1', 1, JSON.stringify({ id: 'c1|1' }));
    db.close();

    const upgraded = openSqliteStore(file);
    expect(await upgraded.commitTurn({ record: record(2, 'check_queue'), expectedVersion: 1, activities: [{ id: 'c1|2' }], activityKey: 'client:k' })).toBe(2);
    expect(await upgraded.findActivity('c1', 'client:k')).toEqual({ id: 'c1|2' });
    expect((await upgraded.getActivities('c1', 0)).activities).toEqual([{ id: 'c1|1' }, { id: 'c1|2' }]);
    await upgraded.putLink('desk:slack:thread:C0AGENTS:1.2', 'c1', '{}');
    expect(await upgraded.getLink('desk:slack:thread:C0AGENTS:1.2')).toEqual({ conversationId: 'c1', value: '{}' });
    await upgraded.commitTurn({ record: record(3, 'check_queue'), expectedVersion: 2, transcript: [{ from: 'user', text: 'hi', at: T0 }] });
    expect(await upgraded.getTranscript('c1')).toEqual([{ from: 'user', text: 'hi', at: T0 }]);
    await upgraded.close();
  });

  it('upgrades a version 4 database to rowid log tables of one row per append: every activity, line and event is kept, in order', async () => {
    const file = sqliteFileIn(dir);
    const db = new Database(file);
    migrate(db, 4);
    const activity = db.prepare('INSERT INTO activities (conversation_id, seq, body) VALUES (?, ?, ?)');
    const line = db.prepare('INSERT INTO transcript (conversation_id, seq, body) VALUES (?, ?, ?)');
    for (let seq = 1; seq <= 3; seq += 1) {
      activity.run('c1', seq, JSON.stringify({ id: `c1|${seq}` }));
      line.run('c1', seq, JSON.stringify({ from: 'user', text: `line ${seq}`, at: T0 }));
    }
    db.prepare('INSERT INTO activity_keys (conversation_id, key, seq) VALUES (?, ?, ?)').run('c1', 'client:k', 2);
    db.prepare('INSERT INTO events (conversation_id, at, body) VALUES (?, ?, ?)').run('c1', T0, JSON.stringify({ conversationId: 'c1', at: T0 }));
    db.close();

    const upgraded = openSqliteStore(file);
    expect((await upgraded.getActivities('c1', 0)).activities).toEqual([{ id: 'c1|1' }, { id: 'c1|2' }, { id: 'c1|3' }]);
    expect(await upgraded.findActivity('c1', 'client:k')).toEqual({ id: 'c1|2' });
    expect((await upgraded.getTranscript('c1')).map((l) => l.text)).toEqual(['line 1', 'line 2', 'line 3']);
    await upgraded.putConversation(record(1, 'ask_code'), 0);
    expect(await upgraded.commitTurn({
      record: record(2, 'check_queue'), expectedVersion: 1, activities: [{ id: 'c1|4' }], transcript: [{ from: 'user', text: 'line 4', at: T0 }],
      events: [{ conversationId: 'c1', channel: 'directline', at: T0 + 1 } as never],
    })).toBe(4);
    expect((await upgraded.getTranscript('c1')).map((l) => l.text)).toEqual(['line 1', 'line 2', 'line 3', 'line 4']);
    expect((await upgraded.listEvents(T0, T0 + 2)).map((e) => e.at)).toEqual([T0, T0 + 1]);
    await expect(upgraded.appendActivities('c1', [{ id: 'c1|5' }])).resolves.toBe(5);
    await upgraded.close();
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(8);
    // The turn's activity, line and event went in as one row, after the migrated ones; the append as one more.
    expect(check.prepare("SELECT activity_seq AS seq, activities, lines, at, events FROM appends WHERE conversation_id = 'c1' ORDER BY rowid").all()).toEqual([
      ...[1, 2, 3].map((seq) => ({ seq, activities: JSON.stringify([{ id: `c1|${seq}` }]), lines: null, at: null, events: null })),
      ...[1, 2, 3].map((seq) => ({
        seq: null, activities: null, lines: JSON.stringify([{ from: 'user', text: `line ${seq}`, at: T0 }]), at: null, events: null,
      })),
      { seq: null, activities: null, lines: null, at: T0, events: JSON.stringify([{ conversationId: 'c1', at: T0 }]) },
      {
        seq: 4, activities: JSON.stringify([{ id: 'c1|4' }]), lines: JSON.stringify([{ from: 'user', text: 'line 4', at: T0 }]),
        at: T0 + 1, events: JSON.stringify([{ conversationId: 'c1', channel: 'directline', at: T0 + 1 }]),
      },
      { seq: 5, activities: JSON.stringify([{ id: 'c1|5' }]), lines: null, at: null, events: null },
    ]);
    check.close();
  });

  it('upgrades a version 6 database to one row per write: logs, transcripts and events of several conversations are kept apart and in order', async () => {
    const file = sqliteFileIn(dir);
    const db = new Database(file);
    migrate(db, 6);
    const activity = db.prepare('INSERT INTO activities (conversation_id, seq, body) VALUES (?, ?, ?)');
    const line = db.prepare('INSERT INTO transcript (conversation_id, seq, body) VALUES (?, ?, ?)');
    const event = db.prepare('INSERT INTO events (conversation_id, at, body) VALUES (?, ?, ?)');
    for (const id of ['c2', 'c1']) {
      activity.run(id, 2, JSON.stringify([{ id: `${id}|1` }, { id: `${id}|2` }]));
      activity.run(id, 3, JSON.stringify([{ id: `${id}|3` }]));
      line.run(id, 1, JSON.stringify([{ from: 'user', text: `${id} first`, at: T0 }]));
      line.run(id, 3, JSON.stringify([{ from: 'bot', text: `${id} second`, at: T0 }, { from: 'bot', text: `${id} third`, at: T0 }]));
    }
    event.run('c2', T0 + 2, JSON.stringify({ conversationId: 'c2', at: T0 + 2 }));
    event.run('c1', T0 + 1, JSON.stringify({ conversationId: 'c1', at: T0 + 1 }));
    event.run('c1', T0 + 2, JSON.stringify({ conversationId: 'c1', at: T0 + 2 }));
    db.prepare('INSERT INTO activity_keys (conversation_id, key, seq) VALUES (?, ?, ?)').run('c1', 'client:k', 3);
    db.close();

    const upgraded = openSqliteStore(file);
    expect(await upgraded.getActivities('c1', 1)).toEqual({ activities: [{ id: 'c1|2' }, { id: 'c1|3' }], watermark: 3 });
    expect(await upgraded.recentActivities('c2', 3)).toEqual({ activities: [{ id: 'c2|1' }, { id: 'c2|2' }, { id: 'c2|3' }], watermark: 3 });
    expect(await upgraded.findActivity('c1', 'client:k')).toEqual({ id: 'c1|3' });
    expect((await upgraded.getTranscript('c1')).map((l) => l.text)).toEqual(['c1 first', 'c1 second', 'c1 third']);
    expect((await upgraded.listEvents(T0, T0 + 3)).map((e) => `${e.conversationId}@${e.at - T0}`)).toEqual(['c1@1', 'c2@2', 'c1@2']);
    await upgraded.deleteConversation('c2');
    expect(await upgraded.getTranscript('c2')).toEqual([]);
    expect((await upgraded.listEvents(T0, T0 + 3)).map((e) => e.conversationId)).toEqual(['c1', 'c1']);
    await upgraded.close();
    const check = new Database(file, { readonly: true });
    const tables = check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).not.toEqual(expect.arrayContaining(['activities']));
    expect(tables).not.toEqual(expect.arrayContaining(['transcript']));
    expect(tables).not.toEqual(expect.arrayContaining(['events']));
    check.close();
  });

  it("keeps a turn's events apart when they are of another conversation or another time, and lists each under its own time", async () => {
    const store = openSqliteStore(sqliteFileIn(dir));
    await store.putConversation(record(1, 'ask_code'), 0);
    const events = [
      { conversationId: 'c1', channel: 'directline', at: T0 + 1 },
      { conversationId: 'c1', channel: 'directline', at: T0 + 5 },
    ] as never[];
    await store.commitTurn({ record: record(2, 'check_queue'), expectedVersion: 1, events, transcript: [{ from: 'user', text: 'hi', at: T0 }] });
    await store.appendEvents([{ conversationId: 'c9', channel: 'teams', at: T0 + 3 } as never]);
    expect((await store.listEvents(T0, T0 + 10)).map((e) => `${e.conversationId}@${e.at - T0}`)).toEqual(['c1@1', 'c9@3', 'c1@5']);
    expect((await store.listEvents(T0 + 2, T0 + 5)).map((e) => e.at - T0)).toEqual([3]);
    expect(await store.getTranscript('c1')).toEqual([{ from: 'user', text: 'hi', at: T0 }]);
    await store.close();
  });

  it('refuses a database written by a newer build instead of misreading it', async () => {
    const file = sqliteFileIn(dir);
    await openSqliteStore(file).close();
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openSqliteStore(file)).toThrow(/schema is version 99/);
  });

  it('ping fails once the store is closed', async () => {
    const store = openSqliteStore(sqliteFileIn(dir));
    await store.close();
    await expect(store.ping()).rejects.toThrow();
  });
});
