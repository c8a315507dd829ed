/** Trains the matcher from the real `intents/` once per test file, as `npm run build:data` does. */
import { readTrainingData, trainModel } from '../../scripts/build-model.js';
import { loadNlu } from '../../src/nlu/model.js';
import type { NluModel } from '../../src/nlu/model-format.js';
import type { Nlu } from '../../src/nlu/types.js';

let model: NluModel | undefined;

/** The model trained from `intents/` and the vendored out-of-scope texts, serialised and parsed again like the generated file. */
export function trainedModel(): NluModel {
  if (!model) {
    const { data, openSet } = readTrainingData();
    model = JSON.parse(JSON.stringify(trainModel(data, openSet))) as NluModel;
  }
  return model;
}

/** A matcher loaded from the trained model. */
export function trainedNlu(): Nlu {
  return loadNlu(trainedModel());
}
