/**
 * Scores a naive Bayes model whose log-likelihoods `scripts/build-model.ts` worked out from natural's counts.
 * Restoring through natural would pull in its trainer, sylvester and `fs`, and redo work at every cold start.
 */
import type { BayesTable } from './model-format.js';

/** The best label for a message and how sure the model is. */
export interface ScoredLabel<L extends string> {
  label: L;
  /** Tempered posterior, 0..1. */
  confidence: number;
  /** How many of the message's features the model knows. 0 means the model saw nothing it recognises. */
  known: number;
}

/**
 * A model ready to score: per feature, one log-likelihood per row. A label may own several rows (out of scope is
 * learned from our own hosting examples and, apart, from public texts of other domains); the best row names the
 * label and the label's confidence sums its rows.
 */
export interface CompiledBayes<L extends string> {
  labels: L[];
  /**
   * Scores the features `messageFeatures` makes of `stems` (each distinct stem, then each distinct adjacent pair
   * `a_b`, first seen first), looking the pairs up without building their strings.
   */
  score(stems: readonly string[]): ScoredLabel<L>;
  /** True when training saw the stem, as a word, under any label. */
  knows(stem: string): boolean;
}

/**
 * Lays a table from `scripts/build-model.ts` out for scoring: a map lookup (two for a pair) and one row per feature. A row holds,
 * per label, the position of the feature's log-likelihood among that label's few distinct values (0: never seen),
 * one byte each instead of eight: the whole table then stays in the processor's cache between messages.
 */
export function compileBayes<L extends string>(table: BayesTable<L>): CompiledBayes<L> {
  const { labels, logPrior, absent, temperaturePerFeature, features, levels } = table;
  const n = labels.length;
  const width = 1 + Math.max(...levels.map((ofLabel) => ofLabel.length));
  const values = new Float64Array(n * width);
  const rows = width <= 256 ? new Uint8Array(features.length * n) : new Uint16Array(features.length * n);
  levels.forEach((ofLabel, i) => {
    values[i * width] = absent[i] as number;
    ofLabel.forEach((level, k) => {
      values[i * width + k + 1] = level.log;
      let f = 0;
      for (const gap of level.gaps) {
        f += gap;
        rows[f * n + i] = k + 1;
      }
    });
  });
  // Stems never hold '_' (tokenize.ts splits words at anything but a-z and 0-9), so a feature with one is a pair.
  const single = new Map<string, number>();
  const pairs = new Map<string, Map<string, number>>();
  features.forEach((f, i) => {
    const gap = f.indexOf('_');
    if (gap < 0) single.set(f, i);
    else {
      const first = f.slice(0, gap);
      let seconds = pairs.get(first);
      if (seconds === undefined) pairs.set(first, (seconds = new Map()));
      seconds.set(f.slice(gap + 1), i);
    }
  });
  const scores = new Float64Array(n);
  // The features counted in the current call are marked with its number: a repeated word or pair counts once.
  const seen = new Uint32Array(features.length);
  let call = 0;
  let known = 0;
  const count = (f: number | undefined): void => {
    if (f === undefined || seen[f] === call) return;
    seen[f] = call;
    known++;
    const at = f * n;
    for (let i = 0; i < n; i++) scores[i] = (scores[i] as number) + (values[i * width + (rows[at + i] as number)] as number);
  };

  return {
    labels,
    knows: (stem) => single.has(stem),
    score(stems) {
      // Typed arrays keep the per-feature loop free of undefined checks: a pasted log has a hundred features.
      scores.set(logPrior);
      if (call === 0xffffffff) {
        seen.fill(0);
        call = 0;
      }
      call++;
      known = 0;
      // Unigrams first, then pairs: the order `messageFeatures` lists them in is the order their scores are summed.
      for (const stem of stems) count(single.get(stem));
      for (let i = 1; i < stems.length; i++) count(pairs.get(stems[i - 1] as string)?.get(stems[i] as string));
      let best = 0;
      for (let i = 1; i < n; i++) if ((scores[i] as number) > (scores[best] as number)) best = i;
      const temperature = Math.max(1, known * temperaturePerFeature);
      const max = scores[best] as number;
      const label = labels[best] as L;
      let sum = 0;
      let own = 0;
      for (let i = 0; i < n; i++) {
        const p = Math.exp(((scores[i] as number) - max) / temperature);
        sum += p;
        if (labels[i] === label) own += p;
      }
      return { label, confidence: own / sum, known };
    },
  };
}
