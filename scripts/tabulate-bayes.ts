/**
 * Turns natural's trained counts into the log-likelihood tables the runtime scores with (src/nlu/naive-bayes.ts),
 * at build time, so loading the model is a parse and a fill.
 */
import type { BayesLevel, BayesTable } from '../src/nlu/model-format.js';

/** How a trained model is read. */
export interface BayesReading {
  /**
   * Ignore how many examples each label has: the intent model has 500 problem descriptions and 20 ways to say
   * "go back", and "go back" must not lose on size alone.
   */
  uniformPrior: boolean;
  /** Additive smoothing. Small values let a few telling words of a small label count (tuned by cross-validation). */
  alpha: number;
  /**
   * Naive Bayes counts every word as independent evidence and is far too sure of itself; log scores are divided by
   * this times the number of known features before the softmax (calibrated on cross-validation).
   */
  temperaturePerFeature: number;
  /**
   * The row of the public out-of-scope texts reads the words it never learned as its label's own row does,
   * not as unseen. For intents: those texts show foreign subjects, not how our users phrase a reply, and learned
   * whole, their "could I" and "I need" outvoted "could I get a human on the line".
   */
  openSetBorrows: boolean;
}

/** natural's trained state, re-keyed by feature name instead of feature position. */
export interface NaturalCounts<L extends string> {
  labels: L[];
  /** Per label: 1 + number of training documents (natural's smoothing start). */
  classTotals: Record<string, number>;
  smoothing: number;
  /** Per label, per feature: natural's smoothed document count. */
  counts: Record<string, Record<string, number>>;
}

/**
 * Works out the log-likelihoods once, at build time. natural divides each feature's document count by the class's
 * document count and multiplies in linear space: long pasted logs underflow to 0 for every class, and a class with
 * 20 examples beats one with 500 on any unseen word. Here the same counts are read as a binarised multinomial model
 * (feature count over all feature occurrences of the class, additive smoothing), to be summed as logs.
 *
 * `openSet` names the row of the public out-of-scope texts and the label it is read as. Its words are known
 * features (a message made of them reads as out of scope), but the smoothing of the other rows counts only the
 * vocabulary of our own examples: 800 more words would otherwise lower every small label's likelihoods. The prior
 * too is our examples' mix, and the label read from two rows splits its share between them: 1,100 public texts say
 * nothing about how often customers write about something else, and would make every other label look rare.
 */
export function tabulateBayes<L extends string>(
  state: NaturalCounts<string>,
  reading: BayesReading,
  openSet?: { row: string; readAs: L },
): BayesTable<L> {
  const { uniformPrior, alpha, temperaturePerFeature } = reading;
  const { labels, classTotals, smoothing, counts } = state;
  const features = [...new Set(labels.flatMap((l) => Object.keys(counts[l] ?? {})))];
  const own = labels.filter((l) => l !== openSet?.row);
  const ownVocabulary = new Set(own.flatMap((l) => Object.keys(counts[l] ?? {}))).size;
  const ownExamples = own.reduce((sum, l) => sum + (classTotals[l] ?? 1), 0);
  const position = new Map(features.map((f, i) => [f, i]));
  // natural stores 1 + smoothing for a feature's first document, then adds 1 per further document.
  const docFrequency = (count: number): number => count - smoothing;
  const denominators = labels.map((l) => {
    const vocabulary = l === openSet?.row ? features.length : ownVocabulary;
    return Object.values(counts[l] ?? {}).reduce((sum, c) => sum + docFrequency(c), 0) + alpha * vocabulary;
  });
  const logs = labels.map((label, i) => {
    const byPosition = new Map<number, number>();
    for (const [feature, count] of Object.entries(counts[label] ?? {})) {
      byPosition.set(position.get(feature) ?? 0, Math.log((docFrequency(count) + alpha) / (denominators[i] ?? 1)));
    }
    return byPosition;
  });
  const absent = denominators.map((d) => Math.log(alpha / d));
  const openRow = openSet ? labels.indexOf(openSet.row) : -1;
  const ownRow = openSet ? labels.indexOf(openSet.readAs) : -1;
  if (reading.openSetBorrows && openRow >= 0 && ownRow >= 0) {
    logs[openRow] = new Map([...(logs[ownRow] ?? []), ...(logs[openRow] ?? [])]);
    absent[openRow] = absent[ownRow] ?? 0;
  }
  const levels = logs.map((byPosition) => {
    const byLog = new Map<number, number[]>();
    for (const [p, log] of byPosition) {
      const positions = byLog.get(log) ?? [];
      positions.push(p);
      byLog.set(log, positions);
    }
    return [...byLog].map(([log, positions]): BayesLevel => ({
      log,
      gaps: positions.sort((a, b) => a - b).map((p, k) => p - (positions[k - 1] ?? 0)),
    }));
  });
  return {
    labels: labels.map((l) => (l === openSet?.row ? openSet.readAs : (l as L))),
    logPrior: labels.map((l) => {
      const label = l === openSet?.row ? openSet.readAs : l;
      const share = uniformPrior ? 1 : (classTotals[label] ?? 1) / ownExamples;
      return Math.log(openSet && label === openSet.readAs && labels.includes(openSet.row) ? share / 2 : share);
    }),
    absent,
    temperaturePerFeature,
    features,
    levels,
  };
}

