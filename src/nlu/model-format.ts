/** The serialised matcher written by `scripts/build-model.ts` and read by `loadNlu`. Plain JSON. */
import type { Intent, Topic } from './types.js';

/** Bumped when the shape changes, so a stale generated file fails at load with a clear message. 4: precomputed tables; 5: answer readers. */
export const MODEL_VERSION = 5;

/** Features of one label that share a log-likelihood (they were seen in the same number of training documents). */
export interface BayesLevel {
  log: number;
  /** Positions in `BayesTable.features`, ascending, each stored as its distance from the one before (the first from
   * 0): small gaps compress far better in the gzipped Worker bundle. */
  gaps: number[];
}

/**
 * A naive Bayes model with its log-likelihoods worked out at build time, so loading is a parse and a fill. Features
 * are stored once and referred to by position; per label, the features with the same likelihood are grouped, which
 * keeps the file smaller than per-label counts keyed by name.
 */
export interface BayesTable<L extends string> {
  labels: L[];
  /** Per label: log prior (all 0 when label sizes must not count). */
  logPrior: number[];
  /** Per label: log-likelihood of a feature the label never saw in training. */
  absent: number[];
  /** Log scores are divided by this times the number of known features before the softmax. */
  temperaturePerFeature: number;
  features: string[];
  /** Per label: its seen features, grouped by log-likelihood. */
  levels: BayesLevel[][];
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
  /** Further words of mail problems ("messages", "queue", "domain"): a message with none of these, no mail cue, code,
   * provider, MTA or address cannot have a mail topic. */
  mailVocabulary: string[];
  /** Plain cue words that misspellings are mended towards (see spelling.ts). */
  spellingTargets: string[];
}

/** The cues of one slot's answer reader (see `intents/answers.yaml`). Patterns are regex sources. */
export interface SlotCues {
  /** A clause matching one of these is about this slot. */
  subject: string[];
  /** Each value and the patterns that mean it. */
  values: Record<string, string[]>;
  /** What a denied cue of a value means instead ("not a newsletter": single); absent means nothing. */
  negated?: Record<string, string>;
}

/** Answer readers per slot and the how-to question cues, copied from `intents/answers.yaml`. */
export interface AnswerSpec {
  slots: Record<string, SlotCues>;
  /** Questions about the bot's own question ("what do you mean?"). */
  clarify: string[];
  /** A mail problem said too vaguely to place ("I have a problem with my email"). */
  vague: string[];
  /** Openings that make a message a plain yes, no or "not sure" whatever follows ("yes, mail merge"). */
  polar: Record<'yes' | 'no' | 'not_sure', string[]>;
  howto: {
    /** The message asks something ("how do I", "where is", a question mark). */
    asking: string[];
    /** Topics of how-to questions (queue, flush, remove, log) and their cues. */
    topics: Record<string, string[]>;
  };
}

/** Whole short messages ("y", "nope") and the intent they mean. Keys are normalised with `normalizeShort`. */
export type ExactLexicon = Record<string, Intent>;

/** The whole serialised matcher: two classifiers, the short-answer lexicon and the entity patterns. */
export interface NluModel {
  version: typeof MODEL_VERSION;
  topic: BayesTable<Topic>;
  intent: BayesTable<Intent>;
  exact: ExactLexicon;
  /** Opening words that turn a message carrying a code or provider into a correction. */
  correctionMarkers: string[];
  entities: EntityPatterns;
  answers: AnswerSpec;
}
