/**
 * The SQLite store remembers what it last wrote for each conversation (sqlite-known.ts) and answers from it;
 * these tests check that it never answers something the database no longer holds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextPass } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, sqliteFileIn } from '../../src/store/sqlite.js';
import { VersionConflictError, type Store } from '../../src/store/types.js';
import { record, T0 } from '../contract/fixtures.js';

const turn = (id: string, version: number, text: string) => ({
  record: record(id, version, T0 + version),
  expectedVersion: version - 1,
  activities: [{ type: 'message', text }],
  transcript: [{ from: 'user' as const, text, at: T0 }],
});

describe('SQLite store: what it remembers of its own writes', () => {
  let dir: string;
  let file: string;
  let store: Store;
  let other: Database.Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'softbounce-known-'));
    file = sqliteFileIn(dir);
    store = openSqliteStore(file);
    other = new Database(file);
  });
  afterEach(async () => {
    other.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the record, the log length and the transcript as written, turn after turn', async () => {
    for (let version = 1; version <= 3; version += 1) {
      expect(await store.commitTurn(turn('c1', version, `turn ${version}`))).toBe(version);
    }
    expect(await store.getConversation('c1')).toEqual(record('c1', 3, T0 + 3));
    expect((await store.recentActivities('c1', 0)).watermark).toBe(3);
    expect((await store.getTranscript('c1')).map((line) => line.text)).toEqual(['turn 1', 'turn 2', 'turn 3']);
  });

  it("sees another connection's commit from the next pass of the event loop on", async () => {
    await store.commitTurn(turn('c1', 1, 'first'));
    other.prepare('UPDATE conversations SET version = 7 WHERE id = ?').run('c1');
    other.prepare('INSERT INTO appends (conversation_id, activity_seq, activities) VALUES (?, 2, ?)').run('c1', JSON.stringify([{ type: 'event' }]));
    await nextPass();
    expect((await store.getConversation('c1'))?.version).toBe(7);
    expect((await store.recentActivities('c1', 0)).watermark).toBe(2);
  });

  it("numbers a turn's activities after another connection's append inside the same pass", async () => {
    await store.commitTurn(turn('c1', 1, 'first'));
    other.prepare('INSERT INTO appends (conversation_id, activity_seq, activities) VALUES (?, 2, ?)').run('c1', JSON.stringify([{ type: 'event' }]));
    expect(await store.commitTurn(turn('c1', 2, 'second'))).toBe(3);
    expect((await store.getActivities('c1', 0)).activities).toEqual([
      { type: 'message', text: 'first' }, { type: 'event' }, { type: 'message', text: 'second' },
    ]);
  });

  it("fails a turn computed from a record another connection has changed since, and then reads the stored one", async () => {
    await store.commitTurn(turn('c1', 1, 'first'));
    other.prepare('UPDATE conversations SET version = 2 WHERE id = ?').run('c1');
    await expect(store.commitTurn(turn('c1', 2, 'computed from version 1'))).rejects.toBeInstanceOf(VersionConflictError);
    expect((await store.getConversation('c1'))?.version).toBe(2);
    expect(await store.commitTurn(turn('c1', 3, 'second'))).toBe(2);
  });

  it('answers nothing for an erased or expired conversation', async () => {
    await store.commitTurn(turn('gone', 1, 'bye'));
    await store.commitTurn({ ...turn('old', 1, 'old'), record: record('old', 1, T0 - 40 * 86_400_000) });
    await store.deleteConversation('gone');
    expect(await store.purgeBefore(T0 - 30 * 86_400_000)).toBe(1);
    for (const id of ['gone', 'old']) {
      expect(await store.getConversation(id)).toBeUndefined();
      expect((await store.recentActivities(id, 0)).watermark).toBe(0);
    }
  });
});
