/**
 * The latest bot message of each conversation's log as this process last wrote it, with the log length it belongs
 * to: a typed button label is matched against it without reading the log back. Bounded, least recently used first out.
 * Only what the label match reads is kept (the buttons' titles and choice ids), not the whole activity: an entry
 * outlives the turn that made it, and whole activities kept for thousands of conversations scatter long-lived
 * objects over the heap that the turn's garbage shares pages with.
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

interface BotMessage {
  type?: string;
  from?: { role?: string };
  suggestedActions?: { actions?: { title?: unknown; channelData?: { choiceId?: unknown } }[] };
}

const WITHOUT_BUTTONS = Object.freeze({ type: 'message', from: Object.freeze({ role: 'bot' }) });

function isBotMessage(activity: unknown): boolean {
  const { type, from } = activity as BotMessage;
  return type === 'message' && from?.role === 'bot';
}

/** The bot message reduced to what `choiceFromText` reads. */
function buttonsOf(activity: unknown): unknown {
  const actions = (activity as BotMessage).suggestedActions?.actions;
  if (!actions?.length) return WITHOUT_BUTTONS;
  return {
    type: WITHOUT_BUTTONS.type,
    from: WITHOUT_BUTTONS.from,
    suggestedActions: { actions: actions.map(({ title, channelData }) => ({ title, channelData: { choiceId: channelData?.choiceId } })) },
  };
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
      const latest = added.findLast(isBotMessage);
      const message = latest !== undefined ? buttonsOf(latest) : before?.watermark === watermark ? before.message : undefined;
      if (message === undefined) return;
      known.set(conversationId, { watermark: watermark + added.length, message });
      if (known.size > capacity) known.delete(known.keys().next().value!);
    },
  };
}
