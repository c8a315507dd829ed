/**
 * WAL checkpoints off the event loop. SQLite copies the write-ahead log back into the database file (and fsyncs
 * it) every 1,000 pages by default, inside whichever commit crosses the mark: a turn that waits milliseconds for
 * disk while every other request waits for it. Here a worker thread with its own connection runs those
 * checkpoints (PASSIVE: it never blocks the writer), asked every CHECKPOINT_EVERY commits. The writer's own
 * automatic checkpoint stays as a backstop at BACKSTOP_PAGES, for a worker that falls behind or cannot start.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/**
 * Turn writes between two checkpoint requests. A turn writes about ten pages, most of them pages other turns
 * write again soon (the logs' last pages, their indexes' last pages), and a checkpoint copies each page once
 * however many times the log holds it: checkpointing every 300 writes instead of every 50 cut the process's CPU
 * per turn by about 6% (turn-write replay of 3,000 turns, three interleaved pairs: 320, 334, 376 against 339, 338,
 * 419 µs), with a sixth of the checkpoints and their fsyncs. 300 writes (~3,300 frames) fit in one block of
 * SQLite's WAL index (4,096 frames), so a page lookup in the log still searches a single hash block.
 */
export const CHECKPOINT_EVERY = 300;

/** The writer's own automatic checkpoint, in pages: only reached when the worker does not keep up. */
export const BACKSTOP_PAGES = 8_000;

/** The WAL file is cut back to this size after a checkpoint that emptied it. */
const WAL_SIZE_LIMIT = 64 * 1024 * 1024;

// Plain JavaScript run by the worker (`eval`), so the same code works under tsx and from the esbuild bundle.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
parentPort.on('message', () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage(String(error));
  }
});
`;

const warn = (message: string) => process.emitWarning(`SQLite checkpoint worker: ${message}`);

/** Asks for checkpoints; `stop` ends the worker (before the store's connection closes). */
export interface Checkpointer {
  /** Counts `count` committed writes; every CHECKPOINT_EVERY of them, the worker is asked to checkpoint. */
  committed(count: number): void;
  stop(): Promise<void>;
}

/** Sets up checkpoints for the connection `db` to `file`; the worker starts with the first request. */
export function createCheckpointer(db: Database.Database, file: string, onError: (message: string) => void = warn): Checkpointer {
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
  let worker: Worker | undefined;
  let commits = 0;
  const start = (): Worker => {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver }, execArgv: [] });
    started.on('message', (message: string) => onError(message));
    started.on('error', (error) => {
      onError(String(error));
      // Without the worker the writer checkpoints itself again, at SQLite's usual mark.
      if (db.open) db.pragma('wal_autocheckpoint = 1000');
    });
    // After the listeners: adding a 'message' listener refs the worker again, and it would keep the process alive.
    started.unref();
    return started;
  };
  return {
    committed(count) {
      commits += count;
      if (commits < CHECKPOINT_EVERY) return;
      commits = 0;
      worker ??= start();
      worker.postMessage('checkpoint');
    },
    async stop() {
      await worker?.terminate();
      worker = undefined;
    },
  };
}
