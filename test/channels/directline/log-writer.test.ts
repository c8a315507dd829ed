import { describe, expect, it } from 'vitest';
import { createLogWriter } from '../../../src/channels/directline/log-writer.js';
import type { ClientActivity } from '../../../src/channels/directline/activity.js';
import { loadConfig } from '../../../src/config.js';
import { createConversations, type Conversations } from '../../../src/conversation/service.js';
import type { TurnInput } from '../../../src/core/types.js';
import { createTurnDeps } from '../../../src/runtime/engine.js';
import { createMemoryStore } from '../../../src/store/memory.js';
import { botMessages, createHarness, type Activity } from './harness.js';

const PROBLEM = 'My emails to gmail.com keep coming back with 421 4.7.0 try again later';
const USER = { id: 'dl_user', name: 'Pat' };

/** The real service, with every input it is asked to run kept for the test to read. */
function recordingWriter() {
  const store = createMemoryStore();
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const real = createConversations({ store, deps: createTurnDeps(config) });
  const inputs: TurnInput[] = [];
  const conversations: Conversations = {
    ...real,
    turn: (id, ref, input, log) => {
      inputs.push(input);
      return real.turn(id, ref, input, log);
    },
  };
  return { store, inputs, writer: createLogWriter({ store, conversations, now: Date.now }) };
}

const message = (text: string, clientActivityID?: string): ClientActivity => ({
  type: 'message', text, from: USER, ...(clientActivityID ? { channelData: { clientActivityID } } : {}),
});

describe('a resent message (the same clientActivityID)', () => {
  it('is answered with the stored echo id and not run again', async () => {
    const h = createHarness();
    const { conversationId, token } = await h.started();
    const first = await h.say(conversationId, token, PROBLEM, 'retry-me');
    const before = await h.poll(conversationId, token);

    expect(await h.say(conversationId, token, PROBLEM, 'retry-me')).toBe(first);
    const after = await h.poll(conversationId, token);
    expect(after.watermark).toBe(before.watermark);
    expect(after.activities).toEqual(before.activities);
    const echoes = after.activities.filter((a: Activity) => a.channelData?.clientActivityID === 'retry-me');
    expect(echoes.map((a: Activity) => a.id)).toEqual([first]);
  });

  it('is recognised after other messages followed it, and other client ids still run', async () => {
    const { store, inputs, writer } = recordingWriter();
    await writer.start('c1', USER);
    const first = await writer.post('c1', USER, message(PROBLEM, 'a'));
    await writer.post('c1', USER, message('gmail.com', 'b'));
    const turns = inputs.length;
    const { watermark } = await store.recentActivities('c1', 0);

    expect(await writer.post('c1', USER, message(PROBLEM, 'a'))).toBe(first);
    expect(inputs).toHaveLength(turns);
    expect((await store.recentActivities('c1', 0)).watermark).toBe(watermark);

    await writer.post('c1', USER, message(PROBLEM, 'c'));
    expect(inputs).toHaveLength(turns + 1);
    const transcript = (await store.getTranscript('c1')).filter((line) => line.from === 'user');
    expect(transcript.map((line) => line.text)).toEqual([PROBLEM, 'gmail.com', PROBLEM]);
  });

  it('without a client id is run each time it is sent', async () => {
    const { inputs, writer } = recordingWriter();
    await writer.start('c1', USER);
    const a = await writer.post('c1', USER, message(PROBLEM));
    const b = await writer.post('c1', USER, message(PROBLEM));
    expect(a).not.toBe(b);
    expect(inputs.filter((input) => input.kind === 'message')).toHaveLength(2);
  });
});

describe('the turn and its log entries', () => {
  it('are one write: the stored record and the log agree after every message', async () => {
    const { store, writer } = recordingWriter();
    await writer.start('c1', USER);
    for (const [i, text] of [PROBLEM, 'gmail.com', 'yes', 'I waited an hour'].entries()) {
      await writer.post('c1', USER, message(text, `m${i}`));
      const { activities } = await store.getActivities('c1', 0);
      const users = (await store.getTranscript('c1')).filter((line) => line.from === 'user');
      expect(users.map((line) => line.text)).toEqual((activities as Activity[]).filter((a) => a.from?.role === 'user').map((a) => a.text));
    }
  });

  it('maps a clicked label to its choice even when many typing activities came after the question', async () => {
    const { store, inputs, writer } = recordingWriter();
    await writer.start('c1', USER);
    await writer.post('c1', USER, message(PROBLEM, 'p'));
    const question = botMessages((await store.getActivities('c1', 0)).activities as Activity[])
      .filter((a) => a.suggestedActions)
      .at(-1)!;
    for (let i = 0; i < 40; i += 1) await writer.post('c1', USER, { type: 'typing', from: USER });
    const action = question.suggestedActions.actions[0];
    await writer.post('c1', USER, message(action.title, 'click'));
    expect(inputs.at(-1)).toEqual({ kind: 'message', text: action.title, choice: action.channelData.choiceId });
  });

  it('reads the log again when another writer appended since, and maps a label of the newer buttons', async () => {
    const { store, inputs, writer } = recordingWriter();
    await writer.start('c1', USER);
    await writer.post('c1', USER, message(PROBLEM, 'p'));
    const { watermark } = await store.recentActivities('c1', 0);
    // As another server process on the same database would: a bot question the writer never saw.
    await store.appendActivities('c1', [{
      type: 'message', id: `c1|${watermark + 1}`, from: { id: 'softbounce', role: 'bot' }, text: 'Pick one',
      suggestedActions: { actions: [{ type: 'imBack', title: 'Elsewhere', value: 'Elsewhere', channelData: { choiceId: 'from_elsewhere' } }] },
    }]);
    await writer.post('c1', USER, message('elsewhere', 'click'));
    expect(inputs.at(-1)).toEqual({ kind: 'message', text: 'elsewhere', choice: 'from_elsewhere' });
  });

  it('maps a typed label against its own latest question without the other writer in between', async () => {
    const { store, inputs, writer } = recordingWriter();
    await writer.start('c1', USER);
    await writer.post('c1', USER, message(PROBLEM, 'p'));
    const question = botMessages((await store.getActivities('c1', 0)).activities as Activity[]).at(-1)!;
    const action = question.suggestedActions.actions.at(-1);
    await writer.post('c1', USER, message(action.title.toUpperCase(), 'typed'));
    expect(inputs.at(-1)).toEqual({ kind: 'message', text: action.title.toUpperCase(), choice: action.channelData.choiceId });
  });
});
