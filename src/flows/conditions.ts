/** Evaluating a branch condition against a conversation's slots. */
import type { EscalationPolicy } from '../handoff/policy-types.js';
import type { SlotValue } from '../core/types.js';
import type { Condition } from './schema.js';

/** True when `condition` holds for `slots`; thresholds named `{ policy }` come from the escalation policy. */
export function holds(condition: Condition, slots: Record<string, SlotValue>, policy: EscalationPolicy): boolean {
  if ('all' in condition) return condition.all.every((part) => holds(part, slots, policy));
  const value = slots[condition.slot];
  if ('equals' in condition) return value === condition.equals;
  if ('in' in condition) return value !== undefined && condition.in.includes(value);
  if ('set' in condition) return (value !== undefined) === condition.set;
  const limit = typeof condition.below === 'number' ? condition.below : policy[condition.below.policy];
  return typeof value === 'number' && value < limit;
}
