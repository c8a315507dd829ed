/** Records, events and deliveries the store contract writes (one conversation of the SMTP 421 flow). */
import type { ConversationState } from '../../src/core/types.js';
import type { ConversationRecord, Delivery, StoredEvent } from '../../src/store/types.js';

/** One day in ms, and the contract's "now". */
export const DAY = 86_400_000;
export const T0 = Date.UTC(2026, 10, 1, 9, 0, 0);

function state(stepId: string, text: string): ConversationState {
  return {
    version: 1, flowId: 'smtp_421', stepId, status: 'active', handler: 'bot',
    slots: { reply_code: '421', waited: true, minutes: 30 },
    answers: [{ stepId: 'greeting', value: 'gmail', text: 'to gmail', at: T0 }],
    trail: ['greeting', stepId], attempts: 0, humanRequests: 0, startedAt: T0, updatedAt: T0,
    transcript: [{ from: 'user', text, at: T0 }, { from: 'bot', text: 'Which provider?', at: T0 }],
  };
}

/** A conversation record at `version`, last updated at `updatedAt`. */
export function record(id: string, version: number, updatedAt = T0, stepId = 'check_queue'): ConversationRecord {
  return {
    id, version, createdAt: T0, updatedAt,
    ref: { channel: 'slack', conversationId: `C-${id}`, threadTs: '1700000000.000100', userId: 'U1' },
    state: state(stepId, `mail from ${id} bounces with 421`),
  };
}

/** An analytics event of `conversationId` at `at`. */
export function event(conversationId: string, at: number, stepId = 'check_queue'): StoredEvent {
  return {
    conversationId, channel: 'directline', at, flowId: 'smtp_421', stepId,
    intent: 'deferred_mail', topic: 'smtp_421', confidence: 0.9, status: 'active', replyCode: '421',
  };
}

/** A queued webhook delivery with a nested payload. */
export function delivery(id: string, conversationId: string, nextAt: number): Delivery {
  return { id, conversationId, target: 'webhook', payload: { case: { reason: 'persistent', n: [1, 2] } }, attempts: 0, nextAt };
}
