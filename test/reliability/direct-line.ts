/** A Direct Line client for the reliability suite: opens conversations, posts messages, reads the log. */
import { send } from './tally.js';

/** Secret the suite's servers run with. */
export const DL_SECRET = 'reliability-secret-0123456789abcdef';

/** An activity as the log returns it. */
export type LogActivity = {
  id: string;
  type: string;
  text?: string;
  from: { id: string; role?: string };
  channelData?: { clientActivityID?: string; softbounce?: { stepId?: string; status?: string } };
};

/** One open conversation: its id and the token bound to it (valid on any server sharing the secret). */
export interface DirectLineConversation {
  id: string;
  token: string;
}

/** Opens a conversation with the secret, as a site owner's server does. */
export async function openConversation(base: string): Promise<DirectLineConversation> {
  const response = await send(`${base}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${DL_SECRET}` } });
  if (response.status !== 201) throw new Error(`opening a conversation answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { conversationId: string; token: string };
  return { id: body.conversationId, token: body.token };
}

/** Posts one user message with a client activity id; resolves with the HTTP status (network errors reject). */
export async function postMessage(base: string, c: DirectLineConversation, text: string, clientActivityID: string): Promise<number> {
  const response = await send(`${base}/v3/directline/conversations/${c.id}/activities`, {
    method: 'POST',
    headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', from: { id: `user-${c.id.slice(0, 8)}` }, text, channelData: { clientActivityID } }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** The whole activity log of a conversation. */
export async function readLog(base: string, c: DirectLineConversation): Promise<LogActivity[]> {
  const response = await send(`${base}/v3/directline/conversations/${c.id}/activities?watermark=`, {
    headers: { authorization: `Bearer ${c.token}` },
  });
  if (response.status !== 200) throw new Error(`reading the log of ${c.id} answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { activities: LogActivity[] }).activities;
}

/** User messages of a log, in log order. */
export const userMessages = (log: LogActivity[]) => log.filter((a) => a.type === 'message' && a.from.role !== 'bot');
/** Bot messages of a log, in log order. */
export const botMessages = (log: LogActivity[]) => log.filter((a) => a.type === 'message' && a.from.role === 'bot');

/**
 * Checks one finished conversation's log against what was sent: every message once, in order, each answered.
 * Returns the problems found (empty when complete) and how many sent messages are missing or doubled.
 */
export function auditLog(
  id: string,
  log: LogActivity[],
  expected: string[],
): { problems: string[]; lost: number; duplicated: number } {
  const problems: string[] = [];
  const seen = userMessages(log).map((a) => a.channelData?.clientActivityID ?? '?');
  const lost = expected.filter((x) => !seen.includes(x)).length;
  const duplicated = seen.length - new Set(seen).size;
  if (lost > 0) problems.push(`${id}: ${lost} of ${expected.length} messages missing from the log`);
  if (duplicated > 0) problems.push(`${id}: ${duplicated} messages appear twice in the log`);
  const order = seen.filter((x) => expected.includes(x));
  if (lost === 0 && duplicated === 0 && order.join() !== expected.join()) problems.push(`${id}: messages are out of order: ${order.join(', ')}`);
  for (let i = 0; i < log.length; i += 1) {
    const a = log[i]!;
    if (a.type !== 'message' || a.from.role === 'bot') continue;
    if (log[i + 1]?.from.role !== 'bot') problems.push(`${id}: message "${a.text?.slice(0, 40)}" has no bot reply after it`);
  }
  const ids = log.map((a) => a.id);
  if (ids.some((x, i) => i > 0 && x <= ids[i - 1]!)) problems.push(`${id}: activity ids do not rise in log order`);
  return { problems, lost, duplicated };
}
