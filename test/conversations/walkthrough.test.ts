import { describe, it } from 'vitest';
import { walkthrough } from './dialogues/walkthrough.js';
import { play } from './harness.js';

describe('the 421 walk-through', () => {
  for (const dialogue of walkthrough) it(dialogue.name, () => void play(dialogue));
});
