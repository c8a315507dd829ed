/**
 * Erasure leaves no trace on disk: after a conversation is deleted or expires, the user's words cannot be read
 * from the database file or its WAL, not even from free pages.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, sqliteFileIn } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import { delivery, event, record, T0 } from '../contract/fixtures.js';

/** The user's words; the test looks for their rarest part, byte for byte. */
const WORDS = 'my secret mailbox kumquat-7731 keeps bouncing';
const NEEDLE = Buffer.from('kumquat-7731');

/** Writes a few turns of a conversation whose user said WORDS, everywhere a turn writes them. */
async function talk(store: Store, id: string, updatedAt: number): Promise<void> {
  for (let version = 1; version <= 3; version += 1) {
    await store.commitTurn({
      record: { ...record(id, version, updatedAt), state: { ...record(id, version, updatedAt).state, transcript: [{ from: 'user', text: WORDS, at: T0 }] } },
      expectedVersion: version - 1,
      transcript: [{ from: 'user', text: `${WORDS} (${version})`, at: T0 }],
      activities: [{ type: 'message', text: WORDS }],
      deliveries: [{ ...delivery(`${id}-d${version}`, id, T0), payload: { text: WORDS } }],
      events: [{ ...event(id, T0), text: WORDS }],
      followups: [{ id: `${id}-f`, conversationId: id, dueAt: T0, text: WORDS }],
    });
  }
}

const fileHolds = (file: string): boolean =>
  [file, `${file}-wal`].some((path) => existsSync(path) && readFileSync(path).includes(NEEDLE));

describe('SQLite erasure on disk', () => {
  let dir: string;
  let file: string;
  let store: Store;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'softbounce-erasure-'));
    file = sqliteFileIn(dir);
    store = openSqliteStore(file);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves the words of a deleted conversation nowhere in the database file or its WAL', async () => {
    await talk(store, 'gone', T0);
    expect(fileHolds(file)).toBe(true);
    await store.deleteConversation('gone');
    expect(fileHolds(file)).toBe(false);
  });

  it('leaves the words of an expired conversation nowhere after a retention sweep', async () => {
    await talk(store, 'old', T0 - 40 * 86_400_000);
    await store.commitTurn({ record: record('fresh', 1, T0), expectedVersion: 0, transcript: [{ from: 'user', text: 'hello', at: T0 }] });
    expect(fileHolds(file)).toBe(true);
    expect(await store.purgeBefore(T0 - 30 * 86_400_000)).toBe(1);
    expect(fileHolds(file)).toBe(false);
    expect(await store.getTranscript('fresh')).toHaveLength(1);
  });
});
