import { describe, it } from 'vitest';
import { anytime } from './dialogues/anytime.js';
import { play } from './harness.js';

describe('at any point in the conversation', () => {
  for (const dialogue of anytime) it(dialogue.name, () => void play(dialogue));
});
