/** Precision, recall, F1 and a confusion matrix for labelled predictions. Pure, so tests can assert targets. */
import type { Topic } from './types.js';

/** One labelled item and what the matcher said. */
export interface Prediction<L extends string> {
  text: string;
  expected: L;
  predicted: L;
}

/** Scores of one label. */
export interface LabelMetrics<L extends string> {
  label: L;
  precision: number;
  recall: number;
  f1: number;
  /** How many items carry this label as the expected one. */
  support: number;
}

/** Scores of a whole run. */
export interface Evaluation<L extends string> {
  labels: readonly L[];
  perLabel: LabelMetrics<L>[];
  macroF1: number;
  accuracy: number;
  /** confusion[i][j]: items expected labels[i] and predicted labels[j]. */
  confusion: number[][];
  misses: Prediction<L>[];
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

/** Scores predictions; labels fix the row and column order. Macro-F1 averages over labels that occur. */
export function evaluate<L extends string>(labels: readonly L[], predictions: Prediction<L>[]): Evaluation<L> {
  const index = new Map(labels.map((l, i) => [l, i]));
  const confusion = labels.map(() => labels.map(() => 0));
  for (const p of predictions) {
    const row = confusion[index.get(p.expected) ?? -1];
    const col = index.get(p.predicted);
    if (!row || col === undefined) throw new Error(`evaluate: label "${p.expected}" or "${p.predicted}" is not in the label list`);
    row[col] = (row[col] ?? 0) + 1;
  }
  const perLabel = labels.map((label, i) => {
    const tp = confusion[i]?.[i] ?? 0;
    const predicted = confusion.reduce((sum, row) => sum + (row[i] ?? 0), 0);
    const support = (confusion[i] ?? []).reduce((a, b) => a + b, 0);
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    return { label, precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
  const present = perLabel.filter((m) => m.support > 0);
  const correct = predictions.filter((p) => p.expected === p.predicted).length;
  return {
    labels,
    perLabel,
    macroF1: ratio(present.reduce((s, m) => s + m.f1, 0), present.length),
    accuracy: ratio(correct, predictions.length),
    confusion,
    misses: predictions.filter((p) => p.expected !== p.predicted),
  };
}

/** A plain-text report: one row per label, then the confusion matrix (rows expected, columns predicted). */
export function formatEvaluation<L extends string>(e: Evaluation<L>): string {
  const pct = (x: number): string => x.toFixed(3);
  const width = Math.max(...e.labels.map((l) => l.length));
  const lines = [`${'label'.padEnd(width)}  precision  recall  f1     support`];
  for (const m of e.perLabel) {
    lines.push(`${m.label.padEnd(width)}  ${pct(m.precision).padEnd(9)}  ${pct(m.recall).padEnd(6)}  ${pct(m.f1).padEnd(5)}  ${m.support}`);
  }
  lines.push(`macro-F1 ${pct(e.macroF1)}   accuracy ${pct(e.accuracy)}`, '', 'confusion (rows expected, columns predicted):');
  const short = e.labels.map((l) => l.slice(0, 10).padStart(10));
  lines.push(`${''.padEnd(width)}  ${short.join(' ')}`);
  e.labels.forEach((l, i) => lines.push(`${l.padEnd(width)}  ${(e.confusion[i] ?? []).map((n) => String(n).padStart(10)).join(' ')}`));
  return lines.join('\n');
}

/** How often unrelated messages were taken for mail: the share read as a delivery problem, and as any mail topic. */
export interface FalseAccepts {
  delivery: number;
  mail: number;
  count: number;
}

/** False-accept rates of topics predicted for messages that are all out of scope. */
export function falseAccepts(predicted: readonly Topic[]): FalseAccepts {
  const delivery = predicted.filter((t) => t === 'delivery_temporary' || t === 'delivery_permanent').length;
  const mail = predicted.filter((t) => t !== 'out_of_scope').length;
  return { delivery: ratio(delivery, predicted.length), mail: ratio(mail, predicted.length), count: predicted.length };
}
