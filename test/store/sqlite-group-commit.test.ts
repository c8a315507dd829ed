/**
 * The SQLite store's write path under concurrency: turns of many conversations that arrive together share a
 * transaction, yet each keeps its own outcome; and WAL checkpoints run on the worker, not in the writer.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKSTOP_PAGES, CHECKPOINT_EVERY } from '../../src/store/sqlite-checkpoint.js';
import { groupCommit, MAX_BATCH } from '../../src/store/sqlite-group-commit.js';
import { openSqliteStore, sqliteFileIn } from '../../src/store/sqlite.js';
import { VersionConflictError, type Store } from '../../src/store/types.js';
import { event, record, T0 } from '../contract/fixtures.js';

describe('SQLite group commit', () => {
  let dir: string;
  let file: string;
  let store: Store;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'softbounce-group-'));
    file = sqliteFileIn(dir);
    store = openSqliteStore(file);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits turns that arrive together, and a conflicting one fails alone without undoing the others', async () => {
    await store.commitTurn({ record: record('taken', 1, T0), expectedVersion: 0 });
    const writes = Array.from({ length: 20 }, (_, i) =>
      store.commitTurn({ record: record(`c${i}`, 1, T0), expectedVersion: 0, activities: [{ text: `hello ${i}` }], events: [event(`c${i}`, T0)] }),
    );
    // Stale: it was computed from version 0 of a conversation that is at version 1.
    const stale = store.commitTurn({ record: record('taken', 1, T0), expectedVersion: 0, activities: [{ text: 'lost' }] });
    const results = await Promise.allSettled([...writes, stale]);

    expect(results.slice(0, 20).map((r) => r.status)).toEqual(Array(20).fill('fulfilled'));
    expect(results[20]).toMatchObject({ status: 'rejected', reason: expect.any(VersionConflictError) });
    for (let i = 0; i < 20; i += 1) {
      expect((await store.getConversation(`c${i}`))?.version).toBe(1);
      expect((await store.getActivities(`c${i}`, 0)).activities).toEqual([{ text: `hello ${i}` }]);
    }
    expect((await store.getActivities('taken', 0)).activities).toEqual([]);
    expect(await store.listEvents(T0 - 1, T0 + 1)).toHaveLength(20);
  });

  it('answers every writer only once its turn is durable: a second connection reads it at once', async () => {
    const reader = new Database(file, { readonly: true });
    try {
      await Promise.all(Array.from({ length: 5 }, (_, i) => store.commitTurn({ record: record(`d${i}`, 1, T0), expectedVersion: 0 })));
      const { n } = reader.prepare('SELECT COUNT(*) AS n FROM conversations').get() as { n: number };
      expect(n).toBe(5);
    } finally {
      reader.close();
    }
  });

  it('moves committed pages into the database file from the worker, long before the writer would', async () => {
    const before = statSync(file).size;
    const state = { ...record('x', 1, T0).state, said: ['x'.repeat(3000)] };
    // Each turn dirties a page or two: well past CHECKPOINT_EVERY commits, far below BACKSTOP_PAGES pages.
    const turns = CHECKPOINT_EVERY * 4;
    expect(turns * 2).toBeLessThan(BACKSTOP_PAGES);
    for (let i = 0; i < turns; i += 1) await store.commitTurn({ record: { ...record(`p${i}`, 1, T0), state }, expectedVersion: 0 });
    let grown = false;
    for (let tries = 0; tries < 100 && !grown; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      grown = statSync(file).size > before + 100 * 3000;
    }
    expect(grown).toBe(true);
  });

  it('lets a process that never closes the store exit once its work is done (the worker does not hold it)', async () => {
    const script = join(dir, 'never-closes.mts');
    const root = process.cwd();
    writeFileSync(script, `
      import { openSqliteStore } from '${root}/src/store/sqlite.ts';
      import { record, T0 } from '${root}/test/contract/fixtures.ts';
      const store = openSqliteStore(${JSON.stringify(join(dir, 'exits.db'))});
      for (let i = 0; i < ${CHECKPOINT_EVERY * 2}; i += 1) await store.commitTurn({ record: record('e' + i, 1, T0), expectedVersion: 0 });
      console.log('written');`);
    const { stdout } = await promisify(execFile)(join(root, 'node_modules/.bin/tsx'), [script], { timeout: 20_000 });
    expect(stdout.trim()).toBe('written');
  });

  it('commits the first write of a loop pass at once, and groups the rest of the pass, a full batch at once', async () => {
    const db = new Database(':memory:');
    try {
      db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY)');
      const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
      const batches: number[] = [];
      const write = groupCommit(db, (n: number) => insert.run(n).changes, { committed: (count) => batches.push(count) });
      const count = 1 + 2 * MAX_BATCH + 3;
      const writes = Array.from({ length: count }, (_, n) => write(n));
      // The lone first write and the full batches were committed while the writes were being made; the rest
      // waits for the end of the pass.
      expect(batches).toEqual([1, MAX_BATCH, MAX_BATCH]);
      expect(await Promise.all(writes)).toEqual(Array(count).fill(1));
      expect(batches).toEqual([1, MAX_BATCH, MAX_BATCH, 3]);
      // A later pass starts over: its first write goes at once again.
      const next = write(count);
      expect(batches).toEqual([1, MAX_BATCH, MAX_BATCH, 3, 1]);
      await next;
      expect((db.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n).toBe(count + 1);
    } finally {
      db.close();
    }
  });
});
