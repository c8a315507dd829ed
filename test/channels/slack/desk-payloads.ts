/** Events and clicks as Slack sends them from the agents' channel, built on the recorded payloads. */
import type { SlackCall } from './slack-fakes.js';
import { slackFixture } from './slack-fakes.js';

let sequence = 0;
/** A fresh message ts, as Slack makes them (seconds.micro). */
export const nextTs = () => `${1764500000 + (sequence += 1)}.000200`;

/** A reply by `user` in the thread under `thread`, as the Events API delivers it (`app_mention` when it mentions the bot). */
export function threadReply(user: string, text: string, thread: string, options: { channel?: string; ts?: string; mention?: boolean } = {}) {
  const body = slackFixture<Record<string, any>>('message-thread-reply');
  const ts = options.ts ?? nextTs();
  body.event = {
    ...body.event,
    type: options.mention ? 'app_mention' : 'message',
    user,
    text,
    ts,
    event_ts: ts,
    thread_ts: thread,
    channel: options.channel ?? 'C0AGENTS',
    client_msg_id: `${ts}-${user}`,
  };
  body.event_id = `Ev${ts.replace('.', '')}${options.mention ? 'M' : ''}`;
  return body;
}

/** A click on a case message's control: `take`, `close`, or `handback` at `resumeAt`. */
export function deskClick(action: 'take' | 'close' | 'handback', user: string, caseTs: string, options: { channel?: string; resumeAt?: string } = {}) {
  const payload = slackFixture<Record<string, any>>('block-actions');
  const channel = options.channel ?? 'C0AGENTS';
  payload.user = { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T04HOSTCO' };
  payload.channel = { id: channel, name: 'mail-agents' };
  payload.container = { type: 'message', message_ts: caseTs, channel_id: channel, is_ephemeral: false };
  payload.message = { ...payload.message, ts: caseTs, text: 'Case', blocks: [] };
  delete payload.message.thread_ts;
  const control = action === 'handback'
    ? { type: 'static_select', action_id: 'desk:handback', block_id: 'desk:actions', action_ts: nextTs(), ...(options.resumeAt ? { selected_option: { text: { type: 'plain_text', text: options.resumeAt }, value: options.resumeAt } } : {}) }
    : { type: 'button', action_id: `desk:${action}`, block_id: 'desk:actions', value: action, text: { type: 'plain_text', text: action }, action_ts: nextTs() };
  payload.actions = [control];
  return payload;
}

/** The case message posted in the agents' channel, and its ts (the thread its opening lines went to). */
export function postedCase(calls: SlackCall[], channel = 'C0AGENTS'): { post: SlackCall; ts: string } | undefined {
  const post = calls.find((c) => c.method === 'chat.postMessage' && c.body.channel === channel && !c.body.thread_ts);
  const opening = calls.find((c) => c.method === 'chat.postMessage' && c.body.channel === channel && String(c.body.text).includes('The conversation so far'));
  return post && opening ? { post, ts: String(opening.body.thread_ts) } : undefined;
}

/** The texts posted in a thread. */
export const threadTexts = (calls: SlackCall[], ts: string) =>
  calls.filter((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts).map((c) => String(c.body.text));

/** The last version of the case message (`chat.update` of `ts`), as its blocks' JSON. */
export const lastUpdate = (calls: SlackCall[], ts: string) =>
  JSON.stringify(calls.filter((c) => c.method === 'chat.update' && c.body.ts === ts).at(-1)?.body.blocks ?? null);
