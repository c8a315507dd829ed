import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../src/core/types.js';
import { coverageItems, coverageReport } from './coverage.js';
import { anytime } from './dialogues/anytime.js';
import { escalation } from './dialogues/escalation.js';
import { understanding } from './dialogues/understanding.js';
import { walkthrough } from './dialogues/walkthrough.js';
import { play, realEngine } from './harness.js';

describe('flow coverage of the scripted dialogues', () => {
  it('every step and every branch of every flow is exercised', () => {
    const trace: TraceEntry[] = [...walkthrough, ...escalation, ...anytime, ...understanding].flatMap((dialogue) => play(dialogue).trace);
    const { missed, summary } = coverageReport(coverageItems(realEngine().flows), trace);
    console.log(summary);
    expect(missed.map((m) => m.label)).toEqual([]);
  });

  it('the report notices a step no dialogue reaches', () => {
    const items = coverageItems(realEngine().flows);
    const { missed } = coverageReport(items, [{ flowId: 'smtp_421', stepId: 'confirm_error' }]);
    expect(missed.length).toBe(items.length - 1);
    expect(missed.map((m) => m.label)).toContain('smtp_421/test_email [if #1 -> test_worked]');
  });
});
