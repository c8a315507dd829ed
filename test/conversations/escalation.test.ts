import { describe, it } from 'vitest';
import { escalation } from './dialogues/escalation.js';
import { play } from './harness.js';

describe('escalation to a person', () => {
  for (const dialogue of escalation) it(dialogue.name, () => void play(dialogue));
});
