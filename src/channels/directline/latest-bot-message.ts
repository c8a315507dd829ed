/**
 * The latest bot message of each conversation's log as this process last wrote it, with the log length it belongs
 * to: a typed button label is matched against it without reading the log back. Bounded, least recently used first out.
 */

/** The remembered messages; `at` answers only for the very log length they were remembered at. */
export interface LatestBotMessages {
  /** The latest bot message, as the log's tail to match a typed label against, or undefined when not known. */
  at(conversationId: string, watermark: number): unknown[] | undefined;
  /** Records what was appended after `watermark` activities. */
  appended(conversationId: string, watermark: number, added: unknown[]): void;
}

interface Remembered {
  watermark: number;
  message: unknown;
}

function isBotMessage(activity: unknown): boolean {
  const { type, from } = activity as { type?: string; from?: { role?: string } };
  return type === 'message' && from?.role === 'bot';
}

/** Keeps up to `capacity` conversations. */
export function createLatestBotMessages(capacity: number): LatestBotMessages {
  const known = new Map<string, Remembered>();
  return {
    at(conversationId, watermark) {
      const entry = known.get(conversationId);
      return entry?.watermark === watermark ? [entry.message] : undefined;
    },
    appended(conversationId, watermark, added) {
      const before = known.get(conversationId);
      known.delete(conversationId);
      const message = added.findLast(isBotMessage) ?? (before?.watermark === watermark ? before.message : undefined);
      if (message === undefined) return;
      known.set(conversationId, { watermark: watermark + added.length, message });
      if (known.size > capacity) known.delete(known.keys().next().value!);
    },
  };
}
