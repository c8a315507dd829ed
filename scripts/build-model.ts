/**
 * Trains the intent matcher from `intents/` and the trained part of the public out-of-scope texts in
 * `intents/external/` with natural's naive Bayes classifier and writes the trained state to
 * `src/generated/model.json`. Runs at build time only: the runtime restores the JSON and never trains.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
import { MODEL_VERSION, type NluModel } from '../src/nlu/model-format.js';
import { collectTrainingData, type IntentFile, type TrainingData, type TrainingDoc } from '../src/nlu/training-data.js';
import { messageFeatures } from '../src/nlu/tokenize.js';
import type { Intent, Topic } from '../src/nlu/types.js';
import { validateIntents } from '../src/nlu/validate.js';
import { readOosCorpus } from './oos-corpus.js';
import { tabulateBayes, type BayesReading, type NaturalCounts } from './tabulate-bayes.js';

const INTENTS_DIR = fileURLToPath(new URL('../intents/', import.meta.url));
const MODEL_PATH = fileURLToPath(new URL('../src/generated/model.json', import.meta.url));

/** Reads every .yaml / .yml / .json file of `intents/` (or `dir`). */
export function readIntentFiles(dir: string = INTENTS_DIR): IntentFile[] {
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => {
      const raw = readFileSync(`${dir}/${f}`, 'utf8');
      return { name: `intents/${f}`, content: f.endsWith('.json') ? JSON.parse(raw) : parse(raw) };
    });
}

const TOPIC_READING: BayesReading = { uniformPrior: false, alpha: 0.5, temperaturePerFeature: 0.2, openSetBorrows: false };
const INTENT_READING: BayesReading = { uniformPrior: true, alpha: 0.1, temperaturePerFeature: 0.2, openSetBorrows: true };

/**
 * The training label of the public out-of-scope texts (scripts/oos-corpus.ts). They get a row of their own, read as
 * `out_of_scope` (topics) or `unknown` (intents): merged into our own out-of-scope examples, 1,100 assistant and
 * banking requests would drown the few hosting words ("invoice", "SSL", "registrar") that tell a hosting question
 * from a mail one, and, as that corpus has every mail word filtered out, make any "email" weigh far more.
 */
const OPEN_SET = '_open_set';

/** One training document as the classifier sees it: its features and its label. */
interface FeatureDoc<L extends string> {
  features: string[];
  label: L;
}

/** Trains one natural BayesClassifier and re-keys its state by feature name. */
function trainCounts<L extends string>(docs: FeatureDoc<L>[]): NaturalCounts<L> {
  const classifier = new BayesClassifier();
  for (const doc of docs) classifier.addDocument(doc.features, doc.label);
  classifier.train();
  const inner = classifier.classifier;
  const names = Object.keys(classifier.features);
  const labels = Object.keys(inner.classFeatures) as L[];
  const counts: Record<string, Record<string, number>> = {};
  for (const label of labels) {
    const byName: Record<string, number> = {};
    for (const [position, count] of Object.entries(inner.classFeatures[label] ?? {})) {
      const name = names[Number(position)];
      if (name !== undefined) byName[name] = count;
    }
    counts[label] = byName;
  }
  return { labels, classTotals: inner.classTotals, smoothing: inner.smoothing, counts };
}

/** An out-of-scope text's word must occur in this many of them, or in one of our examples, to be kept. */
const OPEN_SET_MIN_DOCS = 2;

/**
 * Features of our own examples and of the out-of-scope texts, those without function words (see `openSetBorrows`).
 * A word that only one out-of-scope text uses ("fongs", "citibank") tells little, and keeping those doubles the
 * feature table (and training time: natural's trainer walks every feature for every document).
 */
function featureDocs<L extends string>(own: TrainingDoc<L>[], openSet: readonly string[], keepStopWords: boolean): FeatureDoc<string>[] {
  const featuresOf = (text: string): string[] => {
    const f = messageFeatures(text);
    return keepStopWords ? f.all : f.content;
  };
  const ours = own.map((d) => ({ features: featuresOf(d.text), label: d.label }));
  const known = new Set(ours.flatMap((d) => d.features));
  const open = openSet.map((text) => messageFeatures(text).content);
  const docCount = new Map<string, number>();
  for (const features of open) for (const f of features) docCount.set(f, (docCount.get(f) ?? 0) + 1);
  const keep = (f: string): boolean => known.has(f) || (docCount.get(f) ?? 0) >= OPEN_SET_MIN_DOCS;
  return [...ours, ...open.map((features) => ({ features: features.filter(keep), label: OPEN_SET }))];
}

/** The trained part of the public out-of-scope texts: all of it for the topic model, non-replies for the intent model. */
export interface OpenSet {
  topic: readonly string[];
  intent: readonly string[];
}

/** Trains both classifiers from collected training data plus the public out-of-scope texts, and tabulates them. */
export function trainModel(data: TrainingData, openSet: OpenSet = { topic: [], intent: [] }): NluModel {
  return {
    version: MODEL_VERSION,
    topic: tabulateBayes(trainCounts(featureDocs(data.topicDocs, openSet.topic, false)), TOPIC_READING, { row: OPEN_SET, readAs: 'out_of_scope' as Topic }),
    intent: tabulateBayes(trainCounts(featureDocs(data.intentDocs, openSet.intent, true)), INTENT_READING, { row: OPEN_SET, readAs: 'unknown' as Intent }),
    exact: data.exact,
    correctionMarkers: data.correctionMarkers,
    entities: data.entities,
    answers: data.answers,
  };
}

/** Everything the model is trained from: `intents/` and the trained part of the vendored out-of-scope texts. */
export function readTrainingData(): { data: TrainingData; openSet: OpenSet } {
  const files = readIntentFiles();
  const problems = validateIntents(files);
  if (problems.length > 0) throw new Error(`intents/ has problems:\n- ${problems.join('\n- ')}`);
  const corpus = readOosCorpus();
  return { data: collectTrainingData(files), openSet: { topic: corpus.train, intent: corpus.trainUnknown } };
}

/** Validates `intents/`, trains, and writes `src/generated/model.json`. Throws with every problem found. */
export function buildModel(): NluModel {
  const { data, openSet } = readTrainingData();
  const model = trainModel(data, openSet);
  mkdirSync(fileURLToPath(new URL('../src/generated/', import.meta.url)), { recursive: true });
  // Write then rename, so a test or server reading the model never sees half a file.
  writeFileSync(`${MODEL_PATH}.tmp`, JSON.stringify(model));
  renameSync(`${MODEL_PATH}.tmp`, MODEL_PATH);
  return model;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) buildModel();
