/**
 * Trains the intent matcher from `intents/` with natural's naive Bayes classifier and writes the trained state to
 * `src/generated/model.json`. Runs at build time only: the runtime restores the JSON and never trains.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
import { MODEL_VERSION, type BayesState, type NluModel } from '../src/nlu/model-format.js';
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

/** Trains one natural BayesClassifier and re-keys its state by feature name. */
export function trainBayes<L extends string>(docs: TrainingDoc<L>[], keepStopWords: boolean): BayesState<L> {
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

/** Trains both classifiers from collected training data. */
export function trainModel(data: TrainingData): NluModel {
  return {
    version: MODEL_VERSION,
    topic: trainBayes(data.topicDocs, false),
    intent: trainBayes(data.intentDocs, true),
    exact: data.exact,
    correctionMarkers: data.correctionMarkers,
    entities: data.entities,
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
