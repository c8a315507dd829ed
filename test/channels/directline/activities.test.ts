import { describe, expect, it } from 'vitest';
import { BASE, botMessages, createHarness, type Activity } from './harness.js';

const PROBLEM = 'My emails to gmail.com keep coming back with 421 4.7.0 try again later';

function expectPosition(activity: Activity) {
  // Before a problem is recognised no check is active, so the position names none.
  if (activity.channelData.softbounce.status === 'idle') {
    expect(activity.channelData.softbounce).toEqual({ flowId: expect.any(String), stepCount: expect.any(Number), status: 'idle' });
    return;
  }
  expect(activity.channelData.softbounce).toEqual({
    flowId: expect.any(String),
    stepId: expect.any(String),
    stepNumber: expect.any(Number),
    stepCount: expect.any(Number),
    stepTitle: expect.any(String),
    status: expect.stringMatching(/^(active|resolved|routed|escalated|waiting_followup)$/),
  });
}

describe('POST /conversations/{id}/activities', () => {
  it('echoes the user\'s message with a server id, keeping clientActivityID, then the bot\'s replies', async () => {
    const h = createHarness();
    const { conversationId, token } = await h.started();
    const { watermark } = await h.poll(conversationId, token);
    const id = await h.say(conversationId, token, PROBLEM, 'client-1');
    expect(id).toBe(`${conversationId}|${watermark.padStart(7, '0')}`);

    const { activities } = await h.poll(conversationId, token, watermark);
    const [echo, ...replies] = activities;
    expect(echo).toMatchObject({
      id,
      type: 'message',
      text: PROBLEM,
      from: { id: 'dl_user', name: 'Pat', role: 'user' },
      conversation: { id: conversationId },
      channelData: { clientActivityID: 'client-1' },
    });
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) {
      expect(reply.from.role).toBe('bot');
      expect(reply.replyToId).toBe(id);
      expect(new Date(reply.timestamp).toISOString()).toBe(reply.timestamp);
      expectPosition(reply);
    }
  });

  it('numbers activities <conversationId>|<seq> in log order', async () => {
    const h = createHarness();
    const { conversationId, token } = await h.started();
    await h.say(conversationId, token, PROBLEM);
    const { activities } = await h.poll(conversationId, token);
    expect(activities.map((a) => a.id)).toEqual(activities.map((_, i) => `${conversationId}|${String(i).padStart(7, '0')}`));
  });

  it('offers choices as imBack suggested actions, and a click answers the question', async () => {
    const h = createHarness();
    const { conversationId, token } = await h.started();
    await h.say(conversationId, token, PROBLEM);
    let { activities, watermark } = await h.poll(conversationId, token);
    const asking = botMessages(activities).filter((a) => a.suggestedActions);
    expect(asking.length).toBeGreaterThan(0);
    const question = asking.at(-1)!;
    expect(question.inputHint).toBe('expectingInput');
    for (const action of question.suggestedActions.actions) {
      expect(action).toMatchObject({ type: 'imBack', title: expect.any(String), value: action.title });
    }
    const before = question.channelData.softbounce;
    await h.say(conversationId, token, question.suggestedActions.actions[0].value);
    ({ activities } = await h.poll(conversationId, token, watermark));
    const after = botMessages(activities).at(-1)!.channelData.softbounce;
    expect([after.stepId, after.status]).not.toEqual([before.stepId, before.status]);
  });

  it('records an event activity without running a turn', async () => {
    const h = createHarness();
    const { conversationId, token } = await h.started();
    const { watermark } = await h.poll(conversationId, token);
    const body = { type: 'event', name: 'webchat/join', value: { language: 'en' } };
    const response = await h.request('POST', `${BASE}/conversations/${conversationId}/activities`, { auth: token, body });
    expect(response.status).toBe(200);
    const { activities } = await h.poll(conversationId, token, watermark);
    expect(activities).toEqual([expect.objectContaining({ type: 'event', name: 'webchat/join', id: (await response.json()).id })]);
  });

  it('keeps every message and reply in order when messages arrive at once', async () => {
    const h = createHarness();
    const { conversationId, token } = await h.started();
    const texts = ['hello', PROBLEM, 'since this morning', 'is it my fault?', 'thanks'];
    const ids = await Promise.all(texts.map((text, i) => h.say(conversationId, token, text, `c${i}`)));
    const { activities } = await h.poll(conversationId, token);
    const echoes = activities.filter((a) => a.from.role === 'user');
    // Arrival order is up to the scheduler; each message must still appear once, under the id it was given.
    expect(echoes.map((a) => a.channelData.clientActivityID).sort()).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    for (const echo of echoes) expect(echo.id).toBe(ids[Number(echo.channelData.clientActivityID.slice(1))]);
    expect(new Set(activities.map((a) => a.id)).size).toBe(activities.length);
    let lastEcho: string | undefined;
    for (const activity of activities) {
      if (activity.from.role === 'user') lastEcho = activity.id;
      else if (lastEcho) expect(activity.replyToId).toBe(lastEcho);
    }
    for (const reply of botMessages(activities)) expectPosition(reply);
  });
});

describe('bad bodies get 400 with what was wrong', () => {
  const cases: [string, unknown, RegExp][] = [
    ['malformed JSON', '{"type": "message", "text": ', /not valid JSON/],
    ['an array', '[{"type":"message","text":"hi"}]', /one activity, a JSON object/],
    ['text of the wrong type', { type: 'message', text: 42 }, /activity\.text: .*string/],
    ['from.id of the wrong type', { type: 'message', text: 'hi', from: { id: 5 } }, /activity\.from\.id/],
    ['channelData that is not an object', { type: 'message', text: 'hi', channelData: 'x' }, /activity\.channelData/],
    ['a missing type', { text: 'hi' }, /activity\.type/],
    ['an unknown activity type', { type: 'invoke', text: 'hi' }, /unknown activity type "invoke"/],
    ['a message without text', { type: 'message', text: '   ' }, /needs text/],
    ['a message with only an attachment', { type: 'message', attachments: [{ contentType: 'image/png' }] }, /attachments are not read/],
    ['text that is too long', { type: 'message', text: 'x'.repeat(10_001) }, /activity\.text/],
  ];
  for (const [what, body, message] of cases) {
    it(`rejects ${what}`, async () => {
      const h = createHarness();
      const { conversationId, token } = await h.started();
      const { watermark } = await h.poll(conversationId, token);
      const response = await h.request('POST', `${BASE}/conversations/${conversationId}/activities`, { auth: token, body });
      expect(response.status).toBe(400);
      const { error } = await response.json();
      expect(error.code).toBe('BadArgument');
      expect(error.message).toMatch(message);
      expect((await h.poll(conversationId, token)).watermark).toBe(watermark);
    });
  }
});
