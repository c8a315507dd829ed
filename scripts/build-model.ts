/**
 * Trains the intent matcher from `intents/` with natural's naive Bayes classifier and writes the trained state to
 * `src/generated/model.json`. Runs at build time only: the runtime restores the JSON and never trains.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
import { MODEL_VERSION, type BayesLevel, type BayesTable, type NluModel } from '../src/nlu/model-format.js';
import { collectTrainingData, type IntentFile, type TrainingData, type TrainingDoc } from '../src/nlu/training-data.js';
import { messageFeatures } from '../src/nlu/tokenize.js';
import { validateIntents } from '../src/nlu/validate.js';

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
}

const TOPIC_READING: BayesReading = { uniformPrior: false, alpha: 0.5, temperaturePerFeature: 0.2 };
const INTENT_READING: BayesReading = { uniformPrior: true, alpha: 0.1, temperaturePerFeature: 0.2 };

/** natural's trained state, re-keyed by feature name instead of feature position. */
interface NaturalCounts<L extends string> {
  labels: L[];
  /** Per label: 1 + number of training documents (natural's smoothing start). */
  classTotals: Record<string, number>;
  totalExamples: number;
  smoothing: number;
  /** Per label, per feature: natural's smoothed document count. */
  counts: Record<string, Record<string, number>>;
}

/** Trains one natural BayesClassifier and re-keys its state by feature name. */
function trainCounts<L extends string>(docs: TrainingDoc<L>[], keepStopWords: boolean): NaturalCounts<L> {
  const classifier = new BayesClassifier();
  for (const doc of docs) {
    const f = messageFeatures(doc.text);
    classifier.addDocument(keepStopWords ? f.all : f.content, doc.label);
  }
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
  return { labels, classTotals: inner.classTotals, totalExamples: inner.totalExamples, smoothing: inner.smoothing, counts };
}

/**
 * Works out the log-likelihoods once, at build time. natural divides each feature's document count by the class's
 * document count and multiplies in linear space: long pasted logs underflow to 0 for every class, and a class with
 * 20 examples beats one with 500 on any unseen word. Here the same counts are read as a binarised multinomial model
 * (feature count over all feature occurrences of the class, additive smoothing), to be summed as logs.
 */
export function tabulateBayes<L extends string>(state: NaturalCounts<L>, reading: BayesReading): BayesTable<L> {
  const { uniformPrior, alpha, temperaturePerFeature } = reading;
  const { labels, classTotals, totalExamples, smoothing, counts } = state;
  const features = [...new Set(labels.flatMap((l) => Object.keys(counts[l] ?? {})))];
  const position = new Map(features.map((f, i) => [f, i]));
  // natural stores 1 + smoothing for a feature's first document, then adds 1 per further document.
  const docFrequency = (count: number): number => count - smoothing;
  const denominators = labels.map(
    (l) => Object.values(counts[l] ?? {}).reduce((sum, c) => sum + docFrequency(c), 0) + alpha * features.length,
  );
  const levels = labels.map((label, i) => {
    const byFrequency = new Map<number, number[]>();
    for (const [feature, count] of Object.entries(counts[label] ?? {})) {
      const df = docFrequency(count);
      const positions = byFrequency.get(df) ?? [];
      positions.push(position.get(feature) ?? 0);
      byFrequency.set(df, positions);
    }
    return [...byFrequency].map(([df, positions]): BayesLevel => ({
      log: Math.log((df + alpha) / (denominators[i] ?? 1)),
      gaps: positions.sort((a, b) => a - b).map((p, k) => p - (positions[k - 1] ?? 0)),
    }));
  });
  return {
    labels,
    logPrior: labels.map((l) => (uniformPrior ? 0 : Math.log((classTotals[l] ?? 1) / totalExamples))),
    absent: denominators.map((d) => Math.log(alpha / d)),
    temperaturePerFeature,
    features,
    levels,
  };
}

/** Trains both classifiers from collected training data and tabulates them. */
export function trainModel(data: TrainingData): NluModel {
  return {
    version: MODEL_VERSION,
    topic: tabulateBayes(trainCounts(data.topicDocs, false), TOPIC_READING),
    intent: tabulateBayes(trainCounts(data.intentDocs, true), INTENT_READING),
    exact: data.exact,
    correctionMarkers: data.correctionMarkers,
    entities: data.entities,
    answers: data.answers,
  };
}

/** Validates `intents/`, trains, and writes `src/generated/model.json`. Throws with every problem found. */
export function buildModel(): NluModel {
  const files = readIntentFiles();
  const problems = validateIntents(files);
  if (problems.length > 0) throw new Error(`intents/ has problems:\n- ${problems.join('\n- ')}`);
  const model = trainModel(collectTrainingData(files));
  mkdirSync(fileURLToPath(new URL('../src/generated/', import.meta.url)), { recursive: true });
  // Write then rename, so a test or server reading the model never sees half a file.
  writeFileSync(`${MODEL_PATH}.tmp`, JSON.stringify(model));
  renameSync(`${MODEL_PATH}.tmp`, MODEL_PATH);
  return model;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) buildModel();
