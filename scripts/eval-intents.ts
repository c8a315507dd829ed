/**
 * `npm run eval:intents`: how well the matcher routes topics, in three parts, each beside its target:
 * (a) real support text: `../shared/corpora/utterances-dev.jsonl` and the repository's held-out sets, per topic;
 * (b) unrelated text: the held-out part of the vendored out-of-scope texts (scripts/oos-corpus.ts, never trained on),
 *     as false-accept rates (taken for a delivery problem, for any mail topic);
 * (c) topic macro-F1 over all four topics with (a) and (b) pooled.
 * Then k-fold cross-validation of topics and intents on `intents/`. `--holdout` prints only the held-out report;
 * `--set <file>` only the report on that JSON Lines file (e.g. a fresh blind set); `--misses` lists
 * cross-validation misses and the unrelated messages taken for mail; `--oos-groups` adds a harder check of (b):
 * whole dataset intents held out in turn ("card_arrival", "train/weather"), so no request of their kind was trained.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { evaluate, falseAccepts, formatEvaluation, type Prediction } from '../src/nlu/evaluate.js';
import { loadNlu } from '../src/nlu/model.js';
import type { TrainingData, TrainingDoc } from '../src/nlu/training-data.js';
import { INTENTS, TOPICS, type Intent, type Nlu, type Topic } from '../src/nlu/types.js';
import { readTrainingData, trainModel, type OpenSet } from './build-model.js';
import { readOosCorpus, readOosRows } from './oos-corpus.js';

/** Where the labelled dev messages live, relative to the repository. */
export const DEV_SET = fileURLToPath(new URL('../../shared/corpora/utterances-dev.jsonl', import.meta.url));
/** Messages written after the training data to resemble the dev set; a test keeps them out of `intents/`. */
export const HOLDOUT_SET = fileURLToPath(new URL('../test/nlu/holdout.jsonl', import.meta.url));
/** Blind sets, written from public threads without reading the training data (see intents/README.md). */
export const BLIND_SETS = ['blind.jsonl', 'blind2.jsonl'].map((f) => fileURLToPath(new URL(`../test/nlu/${f}`, import.meta.url)));
/** The targets: on held-out unrelated text, and over all four topics with it included. */
export const TARGETS = { deliveryFalseAccept: 0.02, mailFalseAccept: 0.05, pooledMacroF1: 0.95 };
const FOLDS = 5;

/** Reads `{text, topic}` lines of a JSON Lines corpus; throws naming the line that is wrong. */
export function readLabelled(path: string): { text: string; topic: Topic }[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line, i) => {
      const row = JSON.parse(line) as { text?: unknown; topic?: unknown };
      if (typeof row.text !== 'string' || !TOPICS.includes(row.topic as Topic)) {
        throw new Error(`${path}: line ${i + 1} needs "text" and a "topic" out of ${TOPICS.join(', ')}`);
      }
      return { text: row.text, topic: row.topic as Topic };
    });
}

/** Topic predictions of `nlu` on labelled messages. */
export function predictTopics(nlu: Nlu, rows: { text: string; topic: Topic }[]): Prediction<Topic>[] {
  return rows.map((r) => ({ text: r.text, expected: r.topic, predicted: nlu.classify(r.text).topic }));
}

/** The held-out unrelated texts, labelled out of scope. */
export function heldOutUnrelated(): { text: string; topic: Topic }[] {
  return readOosCorpus().heldOut.map((text) => ({ text, topic: 'out_of_scope' as Topic }));
}

/** Deterministic fold number for a document, so reruns compare like with like. */
function foldOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) % FOLDS;
}

/**
 * k-fold cross-validation: each fold of `intents/` is held out of training and classified through the whole matcher.
 * The trained out-of-scope texts stay in every fold's training and are not scored: they are not our examples.
 */
export function crossValidate(data: TrainingData, openSet: OpenSet): { topics: Prediction<Topic>[]; intents: Prediction<Intent>[] } {
  const topics: Prediction<Topic>[] = [];
  const intents: Prediction<Intent>[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const keep = <L extends string>(docs: TrainingDoc<L>[]): TrainingDoc<L>[] => docs.filter((d) => foldOf(d.text) !== fold);
    const nlu = loadNlu(trainModel({ ...data, topicDocs: keep(data.topicDocs), intentDocs: keep(data.intentDocs), exact: {} }, openSet));
    for (const d of data.topicDocs) {
      if (foldOf(d.text) === fold) topics.push({ text: d.text, expected: d.label, predicted: nlu.classify(d.text).topic });
    }
    for (const d of data.intentDocs) {
      if (foldOf(d.text) === fold) intents.push({ text: d.text, expected: d.label, predicted: nlu.classify(d.text).intent });
    }
  }
  return { topics, intents };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const met = (ok: boolean): string => (ok ? 'met' : 'MISSED');
const oneLine = (text: string): string => text.slice(0, 160).replace(/\n/g, ' ');

function reportSet(nlu: Nlu, path: string): Prediction<Topic>[] {
  const predictions = predictTopics(nlu, readLabelled(path));
  console.log(`Topics on ${path}:\n${formatEvaluation(evaluate(TOPICS, predictions))}\n`);
  for (const m of predictions.filter((p) => p.expected !== p.predicted)) {
    console.log(`  miss: expected ${m.expected}, got ${m.predicted}: ${oneLine(m.text)}`);
  }
  console.log('');
  return predictions;
}

function reportUnrelated(nlu: Nlu, real: Prediction<Topic>[], showMisses: boolean): void {
  const unrelated = predictTopics(nlu, heldOutUnrelated());
  const rates = falseAccepts(unrelated.map((p) => p.predicted));
  console.log(`(b) Unrelated text: ${rates.count} held-out out-of-scope texts (intents/external, never trained on)`);
  console.log(`  taken for a delivery problem: ${pct(rates.delivery)}   target <= ${pct(TARGETS.deliveryFalseAccept)}: ${met(rates.delivery <= TARGETS.deliveryFalseAccept)}`);
  console.log(`  taken for any mail topic:     ${pct(rates.mail)}   target <= ${pct(TARGETS.mailFalseAccept)}: ${met(rates.mail <= TARGETS.mailFalseAccept)}`);
  if (showMisses) for (const m of unrelated.filter((p) => p.predicted !== 'out_of_scope')) console.log(`  accepted as ${m.predicted}: ${oneLine(m.text)}`);
  const pooled = evaluate(TOPICS, [...real, ...unrelated]);
  console.log(`\n(c) All four topics, real text (a) and held-out unrelated text (b) pooled (${real.length + unrelated.length} messages):`);
  console.log(`${formatEvaluation(pooled).split('\n\n')[0]}`);
  console.log(`  macro-F1 ${pooled.macroF1.toFixed(3)}   target >= ${TARGETS.pooledMacroF1}: ${met(pooled.macroF1 >= TARGETS.pooledMacroF1)}\n`);
}

/** (b) with whole dataset intents held out in turn: every public text is scored by a model that saw none of its kind. */
function reportUnrelatedByGroup(data: TrainingData): void {
  const rows = readOosRows();
  const foldOfGroup = (group: string): number => foldOf(`group:${group}`);
  const predicted: Topic[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const trained = rows.filter((r) => foldOfGroup(r.group) !== fold);
    const openSet = { topic: trained.map((r) => r.text), intent: trained.filter((r) => !r.reply).map((r) => r.text) };
    const nlu = loadNlu(trainModel(data, openSet));
    for (const r of rows) if (foldOfGroup(r.group) === fold) predicted.push(nlu.classify(r.text).topic);
  }
  const rates = falseAccepts(predicted);
  const groups = new Set(rows.map((r) => r.group)).size;
  console.log(`(b') All ${rates.count} public texts, their ${groups} dataset intents held out in ${FOLDS} folds:`);
  console.log(`  taken for a delivery problem: ${pct(rates.delivery)}   taken for any mail topic: ${pct(rates.mail)}\n`);
}

function reportCrossValidation(data: TrainingData, openSet: OpenSet, showMisses: boolean): void {
  const cv = crossValidate(data, openSet);
  const cvTopics = evaluate(TOPICS, cv.topics);
  const cvIntents = evaluate(INTENTS, cv.intents);
  console.log(`${FOLDS}-fold cross-validation on intents/ (exact lexicon held out too; tuned-on text, not a measurement):`);
  console.log(`  topics:  macro-F1 ${cvTopics.macroF1.toFixed(3)}, accuracy ${cvTopics.accuracy.toFixed(3)} (${cv.topics.length} examples)`);
  console.log(`  intents: macro-F1 ${cvIntents.macroF1.toFixed(3)}, accuracy ${cvIntents.accuracy.toFixed(3)} (${cv.intents.length} examples)`);
  if (showMisses) {
    for (const m of [...cvTopics.misses, ...cvIntents.misses]) console.log(`  cv miss: ${m.expected} -> ${m.predicted}: ${m.text}`);
  }
  console.log(`\nIntent cross-validation per intent:\n${formatEvaluation(cvIntents).split('\n\n')[0]}`);
}

function main(): void {
  const { data, openSet } = readTrainingData();
  const nlu = loadNlu(trainModel(data, openSet));
  const setAt = process.argv.indexOf('--set');
  const only = setAt >= 0 ? process.argv[setAt + 1] : process.argv.includes('--holdout') ? HOLDOUT_SET : undefined;
  if (setAt >= 0 && !only) throw new Error('--set needs the path of a JSON Lines file of {"text", "topic"} lines');
  if (only) {
    reportSet(nlu, only);
    return;
  }
  const showMisses = process.argv.includes('--misses');
  console.log('(a) Real support text (the dev set was read while tuning, the held-out set too; see intents/README.md)\n');
  const real = [DEV_SET, HOLDOUT_SET, ...BLIND_SETS].flatMap((set) => reportSet(nlu, set));
  reportUnrelated(nlu, real, showMisses);
  if (process.argv.includes('--oos-groups')) reportUnrelatedByGroup(data);
  reportCrossValidation(data, openSet, showMisses);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
