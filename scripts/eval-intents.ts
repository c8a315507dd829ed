/**
 * `npm run eval:intents`: topic precision, recall, F1 and confusion on the real messages of
 * `../shared/corpora/utterances-dev.jsonl` and on the held-out check set `test/nlu/holdout.jsonl` (never trained
 * on), then k-fold cross-validation of topics and intents on `intents/`. `--holdout` prints only the held-out
 * report; `--set <file>` prints only the report on that JSON Lines file (e.g. a blind set); `--misses` lists
 * cross-validation misses.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { evaluate, formatEvaluation, type Prediction } from '../src/nlu/evaluate.js';
import { loadNlu } from '../src/nlu/model.js';
import { collectTrainingData, type TrainingData, type TrainingDoc } from '../src/nlu/training-data.js';
import { INTENTS, TOPICS, type Intent, type Nlu, type Topic } from '../src/nlu/types.js';
import { validateIntents } from '../src/nlu/validate.js';
import { readIntentFiles, trainModel } from './build-model.js';

/** Where the labelled dev messages live, relative to the repository. */
export const DEV_SET = fileURLToPath(new URL('../../shared/corpora/utterances-dev.jsonl', import.meta.url));
/** Messages written after the training data to resemble the dev set; a test keeps them out of `intents/`. */
export const HOLDOUT_SET = fileURLToPath(new URL('../test/nlu/holdout.jsonl', import.meta.url));
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

/** Deterministic fold number for a document, so reruns compare like with like. */
function foldOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) % FOLDS;
}

/** k-fold cross-validation: each fold is held out of training and classified through the whole matcher. */
export function crossValidate(data: TrainingData): { topics: Prediction<Topic>[]; intents: Prediction<Intent>[] } {
  const topics: Prediction<Topic>[] = [];
  const intents: Prediction<Intent>[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const keep = <L extends string>(docs: TrainingDoc<L>[]): TrainingDoc<L>[] => docs.filter((d) => foldOf(d.text) !== fold);
    const nlu = loadNlu(trainModel({ ...data, topicDocs: keep(data.topicDocs), intentDocs: keep(data.intentDocs), exact: {} }));
    for (const d of data.topicDocs) {
      if (foldOf(d.text) === fold) topics.push({ text: d.text, expected: d.label, predicted: nlu.classify(d.text).topic });
    }
    for (const d of data.intentDocs) {
      if (foldOf(d.text) === fold) intents.push({ text: d.text, expected: d.label, predicted: nlu.classify(d.text).intent });
    }
  }
  return { topics, intents };
}

function main(): void {
  const files = readIntentFiles();
  const problems = validateIntents(files);
  if (problems.length > 0) throw new Error(`intents/ has problems:\n- ${problems.join('\n- ')}`);
  const data = collectTrainingData(files);
  const nlu = loadNlu(trainModel(data));
  const setAt = process.argv.indexOf('--set');
  const only = setAt >= 0 ? process.argv[setAt + 1] : process.argv.includes('--holdout') ? HOLDOUT_SET : undefined;
  if (setAt >= 0 && !only) throw new Error('--set needs the path of a JSON Lines file of {"text", "topic"} lines');
  const sets = only ? [only] : [DEV_SET, HOLDOUT_SET];
  for (const set of sets) {
    const result = evaluate(TOPICS, predictTopics(nlu, readLabelled(set)));
    console.log(`Topics on ${set}:\n${formatEvaluation(result)}\n`);
    for (const m of result.misses) console.log(`  miss: expected ${m.expected}, got ${m.predicted}: ${m.text.slice(0, 160).replace(/\n/g, ' ')}`);
    console.log('');
  }
  if (only) return;
  const cv = crossValidate(data);
  const cvTopics = evaluate(TOPICS, cv.topics);
  const cvIntents = evaluate(INTENTS, cv.intents);
  console.log(`\n${FOLDS}-fold cross-validation on intents/ (exact lexicon held out too):`);
  console.log(`  topics:  macro-F1 ${cvTopics.macroF1.toFixed(3)}, accuracy ${cvTopics.accuracy.toFixed(3)} (${cv.topics.length} examples)`);
  console.log(`  intents: macro-F1 ${cvIntents.macroF1.toFixed(3)}, accuracy ${cvIntents.accuracy.toFixed(3)} (${cv.intents.length} examples)`);
  if (process.argv.includes('--misses')) {
    for (const m of [...cvTopics.misses, ...cvIntents.misses]) console.log(`  cv miss: ${m.expected} -> ${m.predicted}: ${m.text}`);
  }
  console.log(`\nIntent cross-validation per intent:\n${formatEvaluation(cvIntents).split('\n\n')[0]}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
