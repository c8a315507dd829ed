/**
 * One conversation's turns in-process through the conversation service on SQLite (no HTTP): the time of a
 * whole turn, commit included, and the bytes each turn hands the store to write, at turn 5 and at turn 200.
 * The bytes are what the turn serialises (record, transcript lines, log entries, events, deliveries,
 * follow-ups); SQLite writes whole pages, but the pages touched follow these bytes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { createConversations } from '../src/conversation/service.js';
import { createTurnDeps } from '../src/runtime/engine.js';
import { openSqliteStore, sqliteFileIn } from '../src/store/sqlite.js';
import type { Store, TurnWrite } from '../src/store/types.js';
import { SCRIPTS } from './scripts.js';
import { summarise } from './stats.js';

/** What the figures are made of. */
export interface TurnWriteFigures {
  turns: number;
  /** Microseconds per `conversations.turn`, commit included. */
  turnUs: ReturnType<typeof summarise>;
  /** Bytes handed to the store by turn 5 and turn 200 of one conversation, and the state's share of them. */
  bytesAtTurn5: number;
  bytesAtTurn200: number;
  stateBytesAtTurn5: number;
  stateBytesAtTurn200: number;
}

/** Untimed conversations played first, as the other in-process benches warm up. */
const WARM_UP_CONVERSATIONS = 3;

const size = (value: unknown): number => (value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value)));

function bytesOf(write: TurnWrite): number {
  return size(write.record) + size(write.transcript) + size(write.activities) + size(write.events) + size(write.deliveries) + size(write.followups);
}

/** Plays `conversations` conversations of 200 turns each (script lines in turn), timing each turn and weighing its write. */
export async function measureTurnWrite(conversations: number): Promise<TurnWriteFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'softbounce-turn-write-'));
  const sqlite = openSqliteStore(sqliteFileIn(dir));
  // The write is weighed after the turn's clock stops: serialising it again is the bench's work, not the turn's.
  let lastWrite: TurnWrite | undefined;
  const store: Store = {
    ...sqlite,
    async commitTurn(write) {
      lastWrite = write;
      return sqlite.commitTurn(write);
    },
  };
  let now = Date.parse('2026-12-01T10:00:00Z');
  const service = createConversations({ store, deps: createTurnDeps(loadConfig({}), () => now) });
  const lines = SCRIPTS.flat();
  const pick = (c: number) => ((c % lines.length) + lines.length) % lines.length;
  const samples: number[] = [];
  const first: { bytes: number; state: number }[] = [];
  try {
    // Conversations before 0 warm the JIT and SQLite's cache up and are not timed.
    for (let c = -WARM_UP_CONVERSATIONS; c < conversations; c += 1) {
      const id = `bench-${c}`;
      for (let turn = 1; turn <= 200; turn += 1) {
        now += 30_000;
        // Turn 200 repeats turn 5's message, so the two writes differ only by how far the conversation has come.
        const text = lines[pick(c * 7 + (turn === 200 ? 5 : turn))]!;
        const started = performance.now();
        await service.turn(id, { channel: 'directline', conversationId: id }, { kind: 'message', text });
        const took = (performance.now() - started) * 1000;
        if (c < 0) continue;
        samples.push(took);
        if (c === 0 && (turn === 5 || turn === 200)) first.push({ bytes: bytesOf(lastWrite!), state: size(lastWrite!.record.state) });
      }
    }
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const [five, last] = first as [{ bytes: number; state: number }, { bytes: number; state: number }];
  return {
    turns: samples.length,
    turnUs: summarise(samples),
    bytesAtTurn5: five.bytes,
    bytesAtTurn200: last.bytes,
    stateBytesAtTurn5: five.state,
    stateBytesAtTurn200: last.state,
  };
}
