/** Trains the matcher from the real `intents/` once per test file, as `npm run build:data` does. */
import { readIntentFiles, trainModel } from '../../scripts/build-model.js';
import { loadNlu } from '../../src/nlu/model.js';
import type { NluModel } from '../../src/nlu/model-format.js';
import { collectTrainingData } from '../../src/nlu/training-data.js';
import type { Nlu } from '../../src/nlu/types.js';

let model: NluModel | undefined;

/** The model trained from `intents/`, serialised and parsed again like the generated file. */
export function trainedModel(): NluModel {
  model ??= JSON.parse(JSON.stringify(trainModel(collectTrainingData(readIntentFiles())))) as NluModel;
  return model;
}

/** A matcher loaded from the trained model. */
export function trainedNlu(): Nlu {
  return loadNlu(trainedModel());
}
