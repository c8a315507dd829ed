/** Reads a conversation's stored state and transcript through the agents API (the store's own view). */
import { send } from './tally.js';

/** Token the suite's servers run with for the agents API. */
export const AGENT_TOKEN = 'reliability-agent-token-0123456789';

/** A stored conversation as the agents API shows it. */
export interface StoredConversation {
  state: { stepId: string; status: string; handler?: string };
  transcript: { from: string; text: string }[];
}

/** The stored conversation, or undefined when the store has none with this id. */
export async function storedConversation(base: string, id: string): Promise<StoredConversation | undefined> {
  const response = await send(`${base}/api/agents/conversations/${encodeURIComponent(id)}`, {
    headers: { authorization: `Bearer ${AGENT_TOKEN}` },
  });
  if (response.status === 404) return undefined;
  if (response.status !== 200) throw new Error(`reading ${id} through the agents API answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as StoredConversation;
}

/** What the user said, in transcript order. */
export const userLines = (stored: StoredConversation | undefined) => (stored?.transcript ?? []).filter((t) => t.from === 'user').map((t) => t.text);
