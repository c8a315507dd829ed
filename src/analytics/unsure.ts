/**
 * The analytics fields the conversation service adds to each turn's event: when the conversation started,
 * and, for a typed message the bot did not understand (the matcher was unsure and the flow did not act on
 * it), the redacted text as an example for `intents/`.
 */
import type { TurnEvent, TurnInput } from '../core/types.js';
import { redact } from '../log.js';
import type { ConversationRecord, StoredEvent } from '../store/types.js';

/** Matcher confidence below which a typed message the flow did not act on counts as unsure (the engine's off-topic bar). */
export const UNSURE_BELOW = 0.6;

/** Unsure examples are cut to this many characters: enough to read, too little to store whole bounces. */
export const EXAMPLE_CHARS = 200;

/** The event as stored: who, where, since when, and the unsure example when there is one. */
export function storedEventOf(event: TurnEvent, record: ConversationRecord, input: TurnInput): StoredEvent {
  // Object.assign: a spread followed by more properties takes V8's slow path on Node 20 (~1.5 µs a turn).
  const stored: StoredEvent = Object.assign({}, event, { conversationId: record.id, channel: record.ref.channel, startedAt: record.createdAt });
  const typed = input.kind === 'message' && input.choice === undefined && typeof input.text === 'string';
  // A low-confidence message the flow still read as a choice ("batch", "deferred") was understood.
  if (typed && event.intent !== 'none' && event.confidence < UNSURE_BELOW && event.understood !== true) {
    stored.unsure = true;
    const text = String(redact(input.text)).replace(/\s+/g, ' ').trim();
    stored.text = text.length > EXAMPLE_CHARS ? `${text.slice(0, EXAMPLE_CHARS)}…` : text;
  }
  return stored;
}
