import { describe, expect, it } from 'vitest';
import { initialState } from '../../src/core/state.js';
import type { ConversationState, SlotValue } from '../../src/core/types.js';
import { checkBackAt, decideAfterChecks, decideOnHumanRequest, decideOnNewReport, problemMinutes } from '../../src/handoff/policy.js';
import { DEFAULT_POLICY } from '../../src/handoff/policy-types.js';

const MIN = 60_000;
const NOW = Date.UTC(2026, 10, 30, 12);
const flows = { defaultFlowId: 'smtp_421', flows: {} };

function state(minutesAgo: number, slots: Record<string, SlotValue>, extra: Partial<ConversationState> = {}): ConversationState {
  return { ...initialState(flows, NOW - 600 * MIN), problemSince: NOW - minutesAgo * MIN, slots, ...extra };
}

const checked = { code_class: 'temporary', domain_scope: 'several', test_result: 'fails', log_status: 'deferred' };

describe('escalation policy', () => {
  it('escalates a problem that fails after the checks and has lasted past persistentAfterMinutes', () => {
    expect(decideAfterChecks(state(241, checked), NOW, DEFAULT_POLICY)).toEqual({ escalate: true, reason: 'persistent' });
    expect(decideAfterChecks(state(239, checked), NOW, DEFAULT_POLICY)).toEqual({ escalate: false, hold: 'not_persistent' });
    expect(decideAfterChecks(state(61, checked), NOW, { ...DEFAULT_POLICY, persistentAfterMinutes: 60 })).toMatchObject({ escalate: true });
  });

  it('holds for a routed 5xx, a working test email, unfinished checks, and a single domain not yet persistent', () => {
    expect(decideAfterChecks(state(999, { ...checked, code_class: 'permanent' }), NOW, DEFAULT_POLICY)).toEqual({ escalate: false, hold: 'routed' });
    expect(decideAfterChecks(state(999, { ...checked, test_result: 'works' }), NOW, DEFAULT_POLICY)).toEqual({ escalate: false, hold: 'test_worked' });
    expect(decideAfterChecks(state(999, { code_class: 'temporary' }), NOW, DEFAULT_POLICY)).toEqual({ escalate: false, hold: 'checks_not_done' });
    expect(decideAfterChecks(state(30, { ...checked, domain_scope: 'one' }), NOW, DEFAULT_POLICY)).toEqual({ escalate: false, hold: 'single_domain' });
    expect(decideAfterChecks(state(300, { ...checked, domain_scope: 'one' }), NOW, DEFAULT_POLICY)).toEqual({ escalate: true, reason: 'persistent' });
  });

  it('answers the first request for a human and escalates the next, except for a routed 5xx', () => {
    expect(decideOnHumanRequest(state(5, {}), DEFAULT_POLICY)).toEqual({ escalate: false, hold: 'first_request' });
    expect(decideOnHumanRequest(state(5, {}, { humanRequests: 1 }), DEFAULT_POLICY)).toEqual({ escalate: true, reason: 'user_insisted' });
    expect(decideOnHumanRequest(state(5, {}, { humanRequests: 1 }), { ...DEFAULT_POLICY, humanRequestsToEscalate: 3 })).toMatchObject({ escalate: false });
    expect(decideOnHumanRequest(state(5, { code_class: 'permanent' }, { humanRequests: 5, status: 'routed' }), DEFAULT_POLICY)).toEqual({ escalate: false, hold: 'routed' });
  });

  it('escalates a problem that comes back within recurrenceWindowMinutes of being resolved', () => {
    const resolved = (minutesAgo: number) => state(0, {}, { status: 'resolved', resolvedAt: NOW - minutesAgo * MIN });
    expect(decideOnNewReport(resolved(60), NOW, DEFAULT_POLICY)).toEqual({ escalate: true, reason: 'recurred' });
    expect(decideOnNewReport(resolved(1441), NOW, DEFAULT_POLICY)).toEqual({ escalate: false, hold: 'not_recurring' });
    expect(decideOnNewReport(state(0, {}, { status: 'routed', resolvedAt: NOW }), NOW, DEFAULT_POLICY)).toMatchObject({ escalate: false });
  });

  it('checks back after the retry wait (longer for greylisting) or once the problem would be persistent', () => {
    expect(checkBackAt(state(5, {}), NOW, DEFAULT_POLICY, 'retry')).toBe(NOW + 15 * MIN);
    expect(checkBackAt(state(5, { variation: 'policy' }), NOW, DEFAULT_POLICY, 'retry')).toBe(NOW + 60 * MIN);
    expect(checkBackAt(state(60, {}), NOW, DEFAULT_POLICY, 'persistent')).toBe(NOW + 181 * MIN);
    expect(checkBackAt(state(500, {}), NOW, DEFAULT_POLICY, 'persistent')).toBe(NOW + 15 * MIN);
    expect(problemMinutes(state(90, {}), NOW)).toBe(90);
  });
});
