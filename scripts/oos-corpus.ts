/**
 * The public out-of-scope texts vendored in `intents/external/oos-train.jsonl` (see the README there): requests that
 * are not about mail, to teach the matcher what to reject and to measure how often unrelated text would start the
 * walk-through. A hash of each text puts it in the trained or the held-out part, so the split never changes between
 * runs or machines and the held-out part is never trained on.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normalizeShort } from '../src/nlu/tokenize.js';

export const OOS_CORPUS = fileURLToPath(new URL('../intents/external/oos-train.jsonl', import.meta.url));

/** Of every ten hash buckets, this many are held out (20%). */
const HELD_OUT_BUCKETS = 2;

/**
 * Dataset intents (the end of each line's `source`) whose texts are replies our own intents cover: "yes", "no",
 * "maybe", "cancel", "bye", greetings, thanks. They are out of scope as topics, but as intents they are not `unknown`.
 */
const REPLY_SOURCES = new Set([
  'train/yes', 'train/no', 'train/maybe', 'train/cancel', 'train/goodbye', 'train/greeting', 'train/thank_you',
  'general_affirm', 'general_negate', 'general_confirm', 'general_dontcare', 'general_commandstop', 'general_praise',
]);

/** FNV-1a of the normalised text: case and punctuation variants of one request land in the same part. */
function bucketOf(text: string): number {
  const key = normalizeShort(text);
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return (h >>> 0) % 10;
}

/** True for a text of the held-out part. */
export function isHeldOut(text: string): boolean {
  return bucketOf(text) < HELD_OUT_BUCKETS;
}

/** The corpus split in two: `train` goes into the model, `heldOut` only into `npm run eval:intents`. */
export interface OosCorpus {
  /** Every trained text: the topic model learns them as out of scope. */
  train: string[];
  /** The trained texts that are not replies our intents cover: the intent model learns them as `unknown`. */
  trainUnknown: string[];
  heldOut: string[];
}

/** The dataset intent a line was drawn from, the end of its `source`. */
function sourceIntent(source: string): string {
  const hash = source.indexOf('#');
  return hash >= 0 ? source.slice(hash + 1) : (source.split('/').pop() ?? '').replace(/\.csv$/, '');
}

/** One line of the corpus. */
export interface OosRow {
  text: string;
  /** The dataset intent it was drawn from: "train/yes" (CLINC150), "general_affirm" (HWU64), "card_arrival". */
  group: string;
  /** A reply our own intents cover (REPLY_SOURCES): not trained as `unknown`. */
  reply: boolean;
}

/** Reads every line of the vendored corpus; throws naming the line that is not `{"text", "source"}`. */
export function readOosRows(path: string = OOS_CORPUS): OosRow[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      if (line.trim() === '') return [];
      const row = JSON.parse(line) as { text?: unknown; source?: unknown };
      if (typeof row.text !== 'string' || typeof row.source !== 'string') throw new Error(`${path}: line ${i + 1} needs "text" and "source"`);
      const group = sourceIntent(row.source);
      return [{ text: row.text, group, reply: REPLY_SOURCES.has(group) }];
    });
}

/** The corpus split by the hash of each text. */
export function readOosCorpus(path: string = OOS_CORPUS): OosCorpus {
  const rows = readOosRows(path);
  const train = rows.filter((r) => !isHeldOut(r.text));
  return {
    train: train.map((r) => r.text),
    trainUnknown: train.filter((r) => !r.reply).map((r) => r.text),
    heldOut: rows.filter((r) => isHeldOut(r.text)).map((r) => r.text),
  };
}
