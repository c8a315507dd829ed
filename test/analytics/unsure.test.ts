import { describe, expect, it } from 'vitest';
import { initialState } from '../../src/core/state.js';
import type { TurnEvent } from '../../src/core/types.js';
import { EXAMPLE_CHARS, storedEventOf, UNSURE_BELOW } from '../../src/analytics/unsure.js';
import { engineFunnelSteps } from '../../src/analytics/report.js';
import type { ConversationRecord } from '../../src/store/types.js';

const STARTED = Date.UTC(2026, 10, 30, 8);
const record: ConversationRecord = {
  id: 'c1',
  ref: { channel: 'slack', conversationId: 'C1' },
  state: { ...initialState({ defaultFlowId: 'smtp_421', flows: {} }, STARTED) },
  version: 3,
  createdAt: STARTED,
  updatedAt: STARTED + 60_000,
};
const event = (confidence: number, intent = 'unknown'): TurnEvent => ({
  at: STARTED + 60_000, flowId: 'smtp_421', stepId: 'test_email', intent, topic: 'out_of_scope', confidence, status: 'active',
});

describe('stored analytics event', () => {
  it('adds the conversation, its channel and when it started', () => {
    expect(storedEventOf(event(0.9), record, { kind: 'message', text: 'hello' })).toEqual({
      ...event(0.9), conversationId: 'c1', channel: 'slack', startedAt: STARTED,
    });
  });

  it('keeps a typed message below the confidence bar, redacted and squeezed', () => {
    const stored = storedEventOf(event(UNSURE_BELOW - 0.01), record, { kind: 'message', text: ' mail  from bob@example.com\nvia 192.0.2.7 ' });
    expect(stored.unsure).toBe(true);
    expect(stored.text).toBe('mail from [email] via [ip]');
  });

  it('cuts long messages so whole bounces are never stored', () => {
    const stored = storedEventOf(event(0.1), record, { kind: 'message', text: 'x'.repeat(5000) });
    expect(stored.text).toHaveLength(EXAMPLE_CHARS + 1);
  });

  it('keeps nothing for a low-confidence message the flow understood as a choice or slot', () => {
    const understood = { ...event(0.2, 'unknown'), understood: true };
    expect(storedEventOf(understood, record, { kind: 'message', text: 'batch' }).unsure).toBeUndefined();
    expect(storedEventOf({ ...understood, understood: false }, record, { kind: 'message', text: 'batch' })).toMatchObject({ unsure: true, text: 'batch' });
  });

  it('keeps nothing for confident readings, clicked choices and turns without a message', () => {
    expect(storedEventOf(event(UNSURE_BELOW), record, { kind: 'message', text: 'maybe' }).unsure).toBeUndefined();
    expect(storedEventOf(event(0.2), record, { kind: 'message', text: 'Deferred', choice: 'deferred' }).text).toBeUndefined();
    expect(storedEventOf(event(0, 'none'), record, { kind: 'start' }).unsure).toBeUndefined();
  });
});

describe('funnel steps', () => {
  it('lists the six numbered checks and maps a follow-up question onto its check', () => {
    const steps = engineFunnelSteps();
    expect(steps.checks.map((c) => c.title)).toEqual([
      'Confirm the error', 'Wait and retry', 'Reduce sending volume', "Check the recipient's server", 'Send a simple test email', 'Review the delivery log',
    ]);
    expect(steps.checkOf('smtp_421', 'retry_check')).toBe('wait_and_retry');
    expect(steps.checkOf('smtp_421', 'still_failing')).toBe('delivery_logs');
    expect(steps.checkOf('smtp_421', '')).toBe('');
    expect(steps.checkOf('no_such_flow', 'test_email')).toBe('');
  });
});
