/**
 * What the service does when the engine throws on a user's message: the message is still written to the
 * transcript, the flow stays where it was, and the user is told plainly that it went wrong and what to do.
 */
import { transcriptText } from '../core/read-error.js';
import type { ConversationState, TurnInput, TurnResult } from '../core/types.js';

/** The reply a user gets when their message could not be processed. */
export const APOLOGY =
  "Sorry, something went wrong on my side while reading that. I've kept your message in this conversation. " +
  'Please send it again in a moment; if it keeps happening, ask for a person and one of our team will pick it up.';

/** The text a person typed in this input, when there is one to keep. */
export function wordsOf(input: TurnInput): string | undefined {
  return input.kind === 'message' ? input.text : undefined;
}

/** The state after a failed turn: unchanged except for the user's words and the apology in the transcript. */
export function recoverFromFailure(state: ConversationState, words: string, now: number): Omit<TurnResult, 'position'> {
  return {
    state: {
      ...state,
      updatedAt: now,
      transcript: [...state.transcript, { from: 'user', text: transcriptText(words), at: now }, { from: 'bot', text: APOLOGY, at: now }],
    },
    outputs: [{ kind: 'say', text: APOLOGY }],
    understood: false,
    trace: [],
  };
}
