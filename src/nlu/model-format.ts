/** The serialised matcher written by `scripts/build-model.ts` and read by `loadNlu`. Plain JSON. */
import type { Intent, Topic } from './types.js';

/** Bumped when the shape changes, so a stale generated file fails at load with a clear message. */
export const MODEL_VERSION = 3;

/**
 * A naive Bayes model as natural's BayesClassifier leaves it after training, re-keyed by feature name instead of
 * feature position so it can be scored without natural's dense feature vectors.
 */
export interface BayesState<L extends string> {
  labels: L[];
  /** Per label: 1 + number of training documents (natural's smoothing start). */
  classTotals: Record<string, number>;
  totalExamples: number;
  smoothing: number;
  /** Per label, per feature: natural's smoothed document count. Absent means `smoothing`. */
  counts: Record<string, Record<string, number>>;
}

/** Cue patterns that name a cause (strong) or only an effect (weak). */
export interface CueLists {
  strong: string[];
  weak: string[];
}

/** Entity vocabularies and cue patterns, copied from `intents/entities.yaml`. Patterns are regex sources. */
export interface EntityPatterns {
  providers: Record<string, string[]>;
  mtas: Record<string, string[]>;
  technical: string[];
  resending: string[];
  /** Phrases such as "since yesterday" and their length in minutes. */
  relativeDurations: Record<string, number>;
  /** Top-level domains longer than two letters that count as a domain ending. */
  tlds: string[];
  /** Two-letter endings that are far more often file extensions than country domains (main.cf, run.sh). */
  fileExtensions: string[];
  /** Wording that means delayed / deferred mail, and wording that means failed mail ("bounced", "no such user"). */
  temporaryCues: CueLists;
  permanentCues: CueLists;
  /** Words that put a 3-digit number in a mail context. */
  mailCues: string[];
  /** Words of other trades (HTTP, FTP, DNS, billing, devices): with no mail cue, 421 / 503 are not mail replies. */
  webCues: string[];
  /** Words that make weak cues ambiguous: "the signup form rejects my address" is about a form, not a bounce. */
  weakCueBlockers: string[];
  /** Words only mail talk uses (IMAP, DKIM, webmail): the topic classifier's "not about email" is overruled. */
  mailOnlyCues: string[];
  /** Plain cue words that misspellings are mended towards (see spelling.ts). */
  spellingTargets: string[];
}

/** Whole short messages ("y", "nope") and the intent they mean. Keys are normalised with `normalizeShort`. */
export type ExactLexicon = Record<string, Intent>;

/** The whole serialised matcher: two classifiers, the short-answer lexicon and the entity patterns. */
export interface NluModel {
  version: typeof MODEL_VERSION;
  topic: BayesState<Topic>;
  intent: BayesState<Intent>;
  exact: ExactLexicon;
  /** Opening words that turn a message carrying a code or provider into a correction. */
  correctionMarkers: string[];
  entities: EntityPatterns;
}
