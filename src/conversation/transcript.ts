/**
 * The transcript lives in the store's transcript rows, not in the conversation's state: each turn appends its
 * lines in the same write as the record, so the state written every turn stays the same size however long the
 * conversation grows. It is read back only where it is needed: a case handed to agents, the agents API.
 */
import type { ConversationState, Output } from '../core/types.js';
import type { Store } from '../store/types.js';

/** Splits the state after a turn into the state to store (no transcript lines) and the lines to append. */
export function moveTranscript(after: ConversationState): { state: ConversationState; lines: ConversationState['transcript'] } {
  const lines = after.transcript;
  // Object.assign: a spread followed by more properties takes V8's slow path on Node 20 (~1.5 µs a turn).
  const state: ConversationState = Object.assign({}, after, { transcript: [] });
  // A state stored before the rows existed still carries its lines: they move with its next turn, in order.
  if (lines.length > 0) state.transcriptLines = (after.transcriptLines ?? 0) + lines.length;
  return { state, lines };
}

/**
 * The engine builds a case from the lines it holds (this turn's); the stored lines go before them, so agents
 * get the whole conversation. Read only on a turn that escalates.
 */
export async function completeCases(store: Store, id: string, before: ConversationState, outputs: Output[]): Promise<void> {
  if ((before.transcriptLines ?? 0) === 0) return;
  const cases = outputs.filter((output): output is Extract<Output, { kind: 'handoff' }> => output.kind === 'handoff');
  if (cases.length === 0) return;
  const stored = await store.getTranscript(id);
  for (const output of cases) output.case = { ...output.case, transcript: [...stored, ...output.case.transcript] };
}

/** The whole transcript of a conversation: its stored lines, then any its state still holds (empty when unknown). */
export async function transcriptOf(store: Store, id: string): Promise<ConversationState['transcript']> {
  const record = await store.getConversation(id);
  return record ? [...(await store.getTranscript(id)), ...record.state.transcript] : [];
}
