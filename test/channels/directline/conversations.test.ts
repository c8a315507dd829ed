import { describe, expect, it } from 'vitest';
import { BASE, botMessages, createHarness, SECRET } from './harness.js';

describe('POST /conversations', () => {
  it('starts the token\'s conversation: 201 with a fresh token, expiry and stream URL, then a greeting', async () => {
    const h = createHarness({ DIRECT_LINE_TOKEN_TTL_SECONDS: '900' });
    const { conversationId, token } = await h.generate();
    const response = await h.request('POST', `${BASE}/conversations`, { auth: token, body: { user: {} } });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toMatchObject({ conversationId, expires_in: 900 });
    // The token rides in the address: a browser cannot set headers on a WebSocket.
    expect(body.streamUrl).toBe(`ws://localhost/v3/directline/conversations/${conversationId}/stream?t=${body.token}`);
    await h.settle();
    const greeting = botMessages((await h.poll(conversationId, body.token)).activities);
    expect(greeting.length).toBeGreaterThan(0);
    expect(greeting[0]!.text.length).toBeGreaterThan(0);
  });

  it('answers 200 and greets only once when the same conversation is started again', async () => {
    const h = createHarness();
    const { conversationId, token } = await h.started();
    const before = (await h.poll(conversationId, token)).watermark;
    const again = await h.request('POST', `${BASE}/conversations`, { auth: token });
    expect(again.status).toBe(200);
    expect((await again.json()).conversationId).toBe(conversationId);
    await h.settle();
    expect((await h.poll(conversationId, token)).watermark).toBe(before);
  });

  it('lets the secret start a new conversation and returns a token for it', async () => {
    const h = createHarness();
    const response = await h.request('POST', `${BASE}/conversations`, { auth: SECRET, body: { user: { id: 'dl_owner_test' } } });
    expect(response.status).toBe(201);
    const { conversationId, token } = await response.json();
    await h.settle();
    const { activities } = await h.poll(conversationId, token);
    expect(botMessages(activities)[0]!.recipient.id).toBe('dl_owner_test');
  });

  it('rejects malformed JSON in the start options', async () => {
    const h = createHarness();
    const { token } = await h.generate();
    const response = await h.request('POST', `${BASE}/conversations`, { auth: token, body: '{"user": ' });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: 'BadArgument', message: expect.stringContaining('not valid JSON') });
  });
});

describe('GET /conversations/{id}', () => {
  it('reconnects: returns the conversation, the same token with what is left of its life, and a stream URL that resumes', async () => {
    const h = createHarness({ DIRECT_LINE_TOKEN_TTL_SECONDS: '600' });
    const { conversationId, token } = await h.started();
    const { watermark } = await h.poll(conversationId, token);
    h.advance(100_000);
    const response = await h.request('GET', `${BASE}/conversations/${conversationId}?watermark=${watermark}`, { auth: token });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      conversationId,
      token,
      expires_in: 500,
      streamUrl: `ws://localhost/v3/directline/conversations/${conversationId}/stream?t=${token}&watermark=${watermark}`,
    });
  });

  it('answers 404 to a watermark past the end of the log: the conversation the client saw was erased', async () => {
    const h = createHarness();
    const { conversationId, token } = await h.started();
    const { watermark } = await h.poll(conversationId, token);
    const response = await h.request('GET', `${BASE}/conversations/${conversationId}?watermark=${Number(watermark) + 1}`, { auth: token });
    expect(response.status).toBe(404);
    expect((await response.json()).error.message).toContain('erased');
  });

  it('gives the secret a token for the conversation', async () => {
    const h = createHarness();
    const { conversationId } = await h.started();
    const response = await h.request('GET', `${BASE}/conversations/${conversationId}`, { auth: SECRET });
    const { token } = await response.json();
    expect((await h.poll(conversationId, token)).activities.length).toBeGreaterThan(0);
  });

  it('rejects a watermark that is not a number and an id with odd characters', async () => {
    const h = createHarness();
    const { conversationId, token } = await h.started();
    const bad = await h.request('GET', `${BASE}/conversations/${conversationId}?watermark=abc`, { auth: token });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain('watermark');
    const odd = await h.request('GET', `${BASE}/conversations/a%20b`, { auth: SECRET });
    expect(odd.status).toBe(400);
  });
});

describe('the stream URL', () => {
  it('tells a client to poll when the app was built without a stream (in-process, no runtime)', async () => {
    const h = createHarness();
    const { conversationId, token } = await h.started();
    const response = await h.request('GET', `${BASE}/conversations/${conversationId}/stream`, { auth: token });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: 'NotSupported', message: expect.stringContaining('webSocket: false') });
  });
});
