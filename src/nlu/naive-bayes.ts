/**
 * Scores a model trained by natural's BayesClassifier by hand. natural divides each feature's document count by
 * the class's document count and multiplies in linear space: long pasted logs underflow to 0 for every class,
 * and a class with 20 examples beats one with 500 on any unseen word. Here the same counts are read as a
 * binarised multinomial model (feature count over all feature occurrences of the class, additive smoothing) and
 * summed as logs. Restoring through natural would also pull in its trainer, sylvester and `fs`.
 */
import type { BayesState } from './model-format.js';

/** The best label for a message and how sure the model is. */
export interface ScoredLabel<L extends string> {
  label: L;
  /** Tempered posterior, 0..1. */
  confidence: number;
  /** How many of the message's features the model knows. 0 means the model saw nothing it recognises. */
  known: number;
}

/** A model ready to score: per feature, one log-likelihood per label. */
export interface CompiledBayes<L extends string> {
  labels: L[];
  score(features: readonly string[]): ScoredLabel<L>;
  /** True when training saw the feature under any label. */
  knows(feature: string): boolean;
}

/** How a model is read. */
export interface BayesOptions {
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
}

/** Precomputes log-likelihoods so scoring is one map lookup per feature. */
export function compileBayes<L extends string>(state: BayesState<L>, options: BayesOptions): CompiledBayes<L> {
  const { uniformPrior, alpha, temperaturePerFeature } = options;
  const { labels, classTotals, totalExamples, smoothing, counts } = state;
  const n = labels.length;
  const logPrior = labels.map((l) => (uniformPrior ? 0 : Math.log((classTotals[l] ?? 1) / totalExamples)));
  const vocabulary = new Set(labels.flatMap((l) => Object.keys(counts[l] ?? {}))).size;
  // natural stores 1 + smoothing for a feature's first document, then adds 1 per further document.
  const docFrequency = (count: number): number => count - smoothing;
  const denominators = labels.map(
    (l) => Object.values(counts[l] ?? {}).reduce((sum, c) => sum + docFrequency(c), 0) + alpha * vocabulary,
  );
  const absent = denominators.map((d) => Math.log(alpha / d));
  const table = new Map<string, Float64Array>();
  labels.forEach((label, i) => {
    for (const [feature, count] of Object.entries(counts[label] ?? {})) {
      let row = table.get(feature);
      if (!row) {
        row = Float64Array.from(absent);
        table.set(feature, row);
      }
      row[i] = Math.log((docFrequency(count) + alpha) / (denominators[i] ?? 1));
    }
  });

  return {
    labels,
    knows: (feature) => table.has(feature),
    score(features) {
      // Typed arrays keep the per-feature loop free of undefined checks: a pasted log has a hundred features.
      const scores = Float64Array.from(logPrior);
      let known = 0;
      for (const f of features) {
        const row = table.get(f);
        if (!row) continue;
        known++;
        for (let i = 0; i < n; i++) scores[i] = (scores[i] as number) + (row[i] as number);
      }
      let best = 0;
      for (let i = 1; i < n; i++) if ((scores[i] as number) > (scores[best] as number)) best = i;
      const temperature = Math.max(1, known * temperaturePerFeature);
      const max = scores[best] as number;
      let sum = 0;
      for (let i = 0; i < n; i++) sum += Math.exp(((scores[i] as number) - max) / temperature);
      return { label: labels[best] as L, confidence: 1 / sum, known };
    },
  };
}
