/** `npm run build:data`: validates flows/ and trains the intent model from intents/ into src/generated/. */
import { mkdirSync } from 'node:fs';
import { buildFlows } from './build-flows.js';
import { buildModel } from './build-model.js';

mkdirSync(new URL('../src/generated/', import.meta.url), { recursive: true });
buildFlows();
buildModel();
