import { describe, it } from 'vitest';
import { understanding } from './dialogues/understanding.js';
import { play } from './harness.js';

describe('understanding what people type', () => {
  for (const dialogue of understanding) it(dialogue.name, () => void play(dialogue));
});
