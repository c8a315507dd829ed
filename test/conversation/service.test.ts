import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { APOLOGY } from '../../src/conversation/recover.js';
import { createConversations, type Conversations } from '../../src/conversation/service.js';
import type { TurnDeps } from '../../src/core/types.js';
import { createLogger } from '../../src/log.js';
import { createTurnDeps } from '../../src/runtime/engine.js';
import { openSqliteStore, sqliteFileIn } from '../../src/store/sqlite.js';
import type { ConversationRef, Store } from '../../src/store/types.js';

const T0 = Date.UTC(2026, 10, 2, 9, 30);
const REF: ConversationRef = { channel: 'directline', conversationId: 'c1', userId: 'u1' };
const LINES = [
  'My emails to gmail.com keep coming back with 421 try again later',
  'it has been like this since this morning',
  '421 4.7.0 Try again later, closing connection',
  'yes',
  'we send newsletters to about 3000 people',
];

const userLines = (state: { transcript: { from: string; text: string }[] }) =>
  state.transcript.filter((entry) => entry.from === 'user').map((entry) => entry.text);

describe('conversation service on SQLite', () => {
  let dir: string;
  let store: Store;
  let deps: TurnDeps;
  let errors: string[];
  let service: Conversations;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'softbounce-service-'));
    store = openSqliteStore(sqliteFileIn(dir));
    deps = createTurnDeps(loadConfig({}), () => T0);
    errors = [];
    service = createConversations({ store, deps, log: createLogger('error', (line) => errors.push(line)) });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records 50 concurrent messages in submission order, one version per turn', async () => {
    const texts = Array.from({ length: 50 }, (_, i) => `${LINES[i % LINES.length]} (message ${i + 1})`);
    const outcomes = await Promise.all(texts.map((text) => service.turn('c1', REF, { kind: 'message', text })));

    expect(outcomes.map((o) => o.record.version)).toEqual(texts.map((_, i) => i + 1));
    const stored = await store.getConversation('c1');
    expect(stored?.version).toBe(50);
    expect(userLines({ transcript: await store.getTranscript('c1') })).toEqual(texts);
    expect(stored).toEqual(outcomes[49]?.record);
    // Each turn's state carries only its own lines; the store keeps them all beside it.
    for (const [i, outcome] of outcomes.entries()) {
      expect(userLines(outcome.state)).toEqual([texts[i]]);
      expect(outcome.record.state.transcript).toEqual([]);
    }
    expect(outcomes.filter((o) => o.failure)).toEqual([]);
    expect((await store.listEvents(T0, T0 + 1)).filter((e) => e.conversationId === 'c1')).toHaveLength(50);
  });

  it('loses no message when two services (two processes) write one conversation in the same database file', async () => {
    const otherStore = openSqliteStore(sqliteFileIn(dir));
    const other = createConversations({ store: otherStore, deps });
    const mine = Array.from({ length: 15 }, (_, i) => `${LINES[i % LINES.length]} (a${i})`);
    const theirs = Array.from({ length: 15 }, (_, i) => `${LINES[(i + 2) % LINES.length]} (b${i})`);
    await Promise.all([
      ...mine.map((text) => service.turn('c1', REF, { kind: 'message', text })),
      ...theirs.map((text) => other.turn('c1', REF, { kind: 'message', text })),
    ]);
    const stored = await store.getConversation('c1');
    const recorded = userLines({ transcript: await store.getTranscript('c1') });
    expect(stored?.version).toBe(30);
    expect([...recorded].sort()).toEqual([...mine, ...theirs].sort());
    expect(recorded.filter((text) => mine.includes(text))).toEqual(mine);
    expect(recorded.filter((text) => theirs.includes(text))).toEqual(theirs);
    await otherStore.close();
  });

  describe('when the engine throws', () => {
    // A realistic failure: the conversation was stored at a step a later flow release removed.
    async function storeAtRemovedStep(): Promise<void> {
      const first = await service.turn('c1', REF, { kind: 'message', text: LINES[0] as string });
      const broken = { ...first.record, state: { ...first.record.state, stepId: 'step_removed_in_release', status: 'active' as const } };
      await store.putConversation({ ...broken, version: 2 }, 1);
    }

    it("keeps the user's message, answers with an apology and leaves the flow where it was", async () => {
      await storeAtRemovedStep();
      const before = (await store.getConversation('c1'))!;
      const earlier = (await store.getTranscript('c1')).length;
      const outcome = await service.turn('c1', REF, { kind: 'message', text: 'I checked, the queue has 40 messages' });

      expect(outcome.outputs).toEqual([{ kind: 'say', text: APOLOGY }]);
      expect(outcome.failure).toMatch(/step_removed_in_release/);
      const after = (await store.getConversation('c1'))!;
      expect(after.version).toBe(3);
      expect((await store.getTranscript('c1')).slice(earlier)).toEqual([
        { from: 'user', text: 'I checked, the queue has 40 messages', at: T0 },
        { from: 'bot', text: APOLOGY, at: T0 },
      ]);
      expect({ ...after.state, transcriptLines: 0, updatedAt: 0 }).toEqual({ ...before.state, transcriptLines: 0, updatedAt: 0 });
      expect(errors.join('\n')).toMatch(/turn failed/);
    });

    it('keeps every message of a burst that all fail, in order', async () => {
      await storeAtRemovedStep();
      const texts = ['first try', 'second try', 'third try'];
      await Promise.all(texts.map((text) => service.turn('c1', REF, { kind: 'message', text })));
      const after = (await store.getConversation('c1'))!;
      expect(userLines({ transcript: await store.getTranscript('c1') }).slice(-3)).toEqual(texts);
      expect(after.version).toBe(5);
    });

    it('persists nothing for a turn that carries no words of the user', async () => {
      await storeAtRemovedStep();
      const broken = (await store.getConversation('c1'))!;
      await store.putConversation({ ...broken, version: 3, state: { ...broken.state, status: 'waiting_followup', followupId: 'f1' } }, 2);
      await expect(service.runFollowup({ id: 'f1', conversationId: 'c1', dueAt: T0, text: 'still failing?' })).rejects.toMatchObject({
        code: 'unknown_step',
      });
      expect((await store.getConversation('c1'))?.version).toBe(3);
    });
  });
});
