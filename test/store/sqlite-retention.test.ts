import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationRecord } from '../../src/store/types.js';
import { migrate } from '../../src/store/sqlite-schema.js';
import { hourOf, openSqliteStore, sqliteFileIn } from '../../src/store/sqlite.js';

const HOUR = 3_600_000;
/** The start of an hour. */
const H = Date.UTC(2026, 10, 1, 9);

function record(id: string, version: number, updatedAt: number): ConversationRecord {
  return {
    id, version, createdAt: H - HOUR, updatedAt,
    ref: { channel: 'directline', conversationId: id },
    state: {
      version: 1, flowId: 'smtp_421', stepId: 'ask_code', status: 'active', handler: 'bot', slots: {}, answers: [], trail: ['ask_code'],
      attempts: 0, humanRequests: 0, startedAt: H - HOUR, updatedAt, transcript: [],
    },
  };
}

describe('SQLite retention sweep by the hour of the last write', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'softbounce-retention-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('erases exactly the conversations last written before the cut, also inside the hour of the cut', async () => {
    const store = openSqliteStore(sqliteFileIn(dir));
    await store.putConversation(record('earlier-hour', 1, H - 1), 0);
    await store.putConversation(record('before-cut', 1, H + 10 * 60_000), 0);
    await store.putConversation(record('at-cut', 1, H + 15 * 60_000), 0);
    await store.putConversation(record('after-cut', 1, H + 20 * 60_000), 0);
    // Written before the cut, then again after it in the same hour: its hour stays, its time moves past the cut.
    await store.putConversation(record('moved', 1, H + 5 * 60_000), 0);
    await store.commitTurn({ record: record('moved', 2, H + 25 * 60_000), expectedVersion: 1 });

    expect(await store.purgeBefore(H + 15 * 60_000)).toBe(2);
    for (const gone of ['earlier-hour', 'before-cut']) expect(await store.getConversation(gone)).toBeUndefined();
    for (const kept of ['at-cut', 'after-cut', 'moved']) expect((await store.getConversation(kept))?.id).toBe(kept);
    expect(await store.purgeBefore(H + 25 * 60_000 + 1)).toBe(3);
    await store.close();
  });

  it("writes one page less for a turn in the same hour as the stored one: the hour's index entry is left alone", async () => {
    const file = sqliteFileIn(dir);
    const store = openSqliteStore(file);
    const wal = () => statSync(`${file}-wal`).size;
    await store.putConversation(record('c1', 1, H + 60_000), 0);
    let size = wal();
    const pagesOf = async (version: number, at: number) => {
      await store.commitTurn({ record: record('c1', version, at), expectedVersion: version - 1 });
      const grown = wal() - size;
      size = wal();
      return grown / (2048 + 24);
    };
    const sameHour = await pagesOf(2, H + 2 * 60_000);
    const nextHour = await pagesOf(3, H + HOUR + 60_000);
    const sameAgain = await pagesOf(4, H + HOUR + 2 * 60_000);
    expect(sameHour).toBe(1);
    expect(nextHour).toBe(2);
    expect(sameAgain).toBe(1);
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT updated_at, updated_hour FROM conversations WHERE id = 'c1'").get()).toEqual({
      updated_at: H + HOUR + 2 * 60_000, updated_hour: hourOf(H + HOUR),
    });
    db.close();
  });

  it('upgrades a version 7 database: every conversation gets the hour of its last write and the sweep finds it', async () => {
    const file = sqliteFileIn(dir);
    const db = new Database(file);
    migrate(db, 7);
    const insert = db.prepare('INSERT INTO conversations (id, ref, state, version, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)');
    for (const [id, at] of [['old', H - 3 * HOUR + 1], ['new', H + 30 * 60_000]] as const) {
      const r = record(id, 1, at);
      insert.run(id, JSON.stringify(r.ref), JSON.stringify(r.state), r.createdAt, at);
    }
    db.close();

    const upgraded = openSqliteStore(file);
    await upgraded.commitTurn({ record: record('new', 2, H + 40 * 60_000), expectedVersion: 1 });
    expect(await upgraded.purgeBefore(H)).toBe(1);
    expect(await upgraded.getConversation('old')).toBeUndefined();
    expect((await upgraded.getConversation('new'))?.version).toBe(2);
    await upgraded.close();
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(8);
    expect(check.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'conversations' AND sql IS NOT NULL").pluck().all())
      .toEqual(['conversations_updated_hour']);
    expect(check.prepare("SELECT updated_hour FROM conversations WHERE id = 'new'").pluck().get()).toBe(hourOf(H));
    check.close();
  });
});
