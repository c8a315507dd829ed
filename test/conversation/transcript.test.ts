/**
 * The transcript is kept beside the conversation's state: each turn appends its lines in the turn's own write,
 * the stored state holds none, and a case handed to agents still carries the whole conversation.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createConversations, type Conversations } from '../../src/conversation/service.js';
import { createTurnDeps } from '../../src/runtime/engine.js';
import { openSqliteStore, sqliteFileIn } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';

const REF = { channel: 'directline' as const, conversationId: 'c1' };

describe('the transcript beside the state (SQLite)', () => {
  let dir: string;
  let store: Store;
  let now: number;
  let service: Conversations;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'softbounce-transcript-'));
    store = openSqliteStore(sqliteFileIn(dir));
    now = Date.parse('2026-12-01T10:00:00Z');
    service = createConversations({ store, deps: createTurnDeps(loadConfig({}), () => now), handoffTargets: ['helpdesk'] });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const say = async (text: string) => {
    now += 60_000;
    return service.turn('c1', REF, { kind: 'message', text });
  };

  it('appends each turn to the stored transcript and stores a state without it', async () => {
    await say('my mail to gmail bounces with 421');
    await say('about an hour ago');
    const stored = await store.getConversation('c1');
    expect(stored?.state.transcript).toEqual([]);
    const transcript = await service.transcript('c1');
    expect(transcript.filter((line) => line.from === 'user').map((line) => line.text)).toEqual(['my mail to gmail bounces with 421', 'about an hour ago']);
    expect(stored?.state.transcriptLines).toBe(transcript.length);
  });

  it('hands agents a case with every line of the conversation, in order', async () => {
    await say('my mail to gmail bounces with 421');
    await say('I want to talk to a person');
    const escalated = await say('a human please');
    const handoff = escalated.outputs.find((output) => output.kind === 'handoff');
    expect(handoff?.kind === 'handoff' && handoff.case.transcript).toEqual(await service.transcript('c1'));
    const [queued] = await store.dueDeliveries(now, 10);
    expect((queued?.payload as { case: { transcript: unknown[] } }).case.transcript).toEqual(await service.transcript('c1'));
  });

  it('moves the lines of a state stored before the transcript rows existed with its next turn, in order', async () => {
    await say('my mail to gmail bounces with 421');
    const stored = (await store.getConversation('c1'))!;
    const old = await store.getTranscript('c1');
    // A database of an earlier build: the lines in the state, no transcript rows (a fresh conversation id).
    await store.putConversation({ ...stored, id: 'old', state: { ...stored.state, transcript: old, transcriptLines: 0 } }, 0);
    now += 60_000;
    await service.turn('old', REF, { kind: 'message', text: 'about an hour ago' });
    const moved = await store.getTranscript('old');
    expect(moved.slice(0, old.length)).toEqual(old);
    expect(moved[old.length]).toMatchObject({ from: 'user', text: 'about an hour ago' });
    expect((await store.getConversation('old'))?.state).toMatchObject({ transcript: [], transcriptLines: moved.length });
  });
});
