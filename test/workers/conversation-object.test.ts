/**
 * The conversation's Durable Object inside workerd: it runs the Direct Line conversation as its single writer,
 * and its alarm delivers a scheduled check-back into the conversation.
 */
import { env, runDurableObjectAlarm } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { conversationStub, indexStub } from '../../src/runtime/worker/bindings.js';

type LoggedActivity = {
  id: string;
  text?: string;
  replyToId?: string;
  from: { role: string };
  channelData?: { softbounce?: { stepId: string; status: string } };
};

const user = { id: 'u-1', name: 'Pat' };

async function logOf(conversationId: string): Promise<LoggedActivity[]> {
  return (await conversationStub(env, conversationId).getActivities(0)).activities as LoggedActivity[];
}

function say(conversationId: string, text: string): Promise<string> {
  return conversationStub(env, conversationId).directLinePost(conversationId, user, { type: 'message', text, from: { id: user.id } });
}

const lastBotStep = (log: LoggedActivity[]) => log.filter((a) => a.from.role === 'bot').at(-1)?.channelData?.softbounce;

describe('ConversationObject (workerd)', () => {
  it('greets with no check open, then answers each message with the next step of the 421 walk-through', async () => {
    const id = crypto.randomUUID();
    await conversationStub(env, id).directLineStart(id, user);
    expect(lastBotStep(await logOf(id))).toEqual({ flowId: 'smtp_421', stepCount: 6, status: 'idle' });

    const echoId = await say(id, '421 Server busy, try again later');
    const log = await logOf(id);
    expect(log.find((a) => a.id === echoId)?.text).toBe('421 Server busy, try again later');
    expect(log.filter((a) => a.replyToId === echoId).length).toBeGreaterThan(0);
    expect(lastBotStep(log)?.stepId).toBe('wait_and_retry');
  });

  it('answers a resent message (same clientActivityID) with the stored echo id and runs it once', async () => {
    const id = crypto.randomUUID();
    const stub = () => conversationStub(env, id);
    const activity = { type: 'message' as const, text: '421 Server busy, try again later', from: { id: user.id }, channelData: { clientActivityID: 'retry-1' } };
    const first = await stub().directLinePost(id, user, activity);
    const before = await logOf(id);
    expect(await stub().directLinePost(id, user, activity)).toBe(first);
    expect(await logOf(id)).toEqual(before);
    expect((await stub().getTranscript()).filter((line) => line.from === 'user')).toHaveLength(1);
  });

  it('records 50 concurrent messages to one conversation, each turn applied in log order', async () => {
    const id = crypto.randomUUID();
    const texts = Array.from({ length: 50 }, (_, n) => `message number ${n + 1}`);
    const echoIds = await Promise.all(texts.map((text) => say(id, text)));
    expect(new Set(echoIds).size).toBe(50);

    const log = await logOf(id);
    const userTexts = log.filter((a) => a.from.role === 'user').map((a) => a.text);
    expect([...userTexts].sort()).toEqual([...texts].sort());
    // Every message's replies come right after it: no turn interleaved with another.
    let current: string | undefined;
    for (const activity of log) {
      if (activity.from.role === 'user') current = activity.id;
      else expect(activity.replyToId).toBe(current);
    }
    const record = await conversationStub(env, id).getRecord(id);
    expect(record?.version).toBe(50);
    expect(record?.state.transcript).toEqual([]);
    const transcript = (await conversationStub(env, id).getTranscript()).filter((entry) => entry.from === 'user').map((entry) => entry.text);
    expect(transcript).toEqual(userTexts);
  });

  it('sets an alarm for a scheduled check-back and, when it is due, posts it into the conversation', async () => {
    const id = crypto.randomUUID();
    const stub = conversationStub(env, id);
    await stub.directLineStart(id, user);
    await say(id, '421 4.3.2 Server busy, try again later');
    await say(id, 'Just now (under 15 minutes)');
    const index = indexStub(env);
    const [followup] = await index.dueFollowups(Date.now() + 7 * 86_400_000, 10, id);
    expect(followup?.dueAt).toBeGreaterThan(Date.now());
    const before = (await logOf(id)).length;

    await index.putFollowup({ ...followup!, dueAt: Date.now() });
    expect(await runDurableObjectAlarm(stub)).toBe(true);

    const added = (await logOf(id)).slice(before);
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((a) => a.from.role === 'bot')).toBe(true);
    expect(lastBotStep(added)?.stepId).toBe('retry_check');
    expect(await index.nextFollowupAt(id)).toBeUndefined();
  });

  it('drops a due check-back without a word when the conversation has moved on', async () => {
    const id = crypto.randomUUID();
    const stub = conversationStub(env, id);
    await say(id, '421 4.3.2 Server busy, try again later');
    await say(id, 'Just now (under 15 minutes)');
    const index = indexStub(env);
    const [followup] = await index.dueFollowups(Date.now() + 7 * 86_400_000, 10, id);
    await say(id, 'Yes, it went through');
    const before = (await logOf(id)).length;

    await index.putFollowup({ ...followup!, dueAt: Date.now() });
    await runDurableObjectAlarm(stub);

    expect((await logOf(id)).length).toBe(before);
    expect(await index.nextFollowupAt(id)).toBeUndefined();
  });
});
