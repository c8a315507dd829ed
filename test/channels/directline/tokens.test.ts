import { sign } from 'hono/jwt';
import { describe, expect, it } from 'vitest';
import { BASE, createHarness, SECRET } from './harness.js';
import { isSecret } from '../../../src/channels/directline/tokens.js';

describe('POST /tokens/generate', () => {
  it('gives the site owner a token for a new conversation', async () => {
    const h = createHarness({ DIRECT_LINE_TOKEN_TTL_SECONDS: '600' });
    const first = await h.generate();
    const second = await h.generate();
    expect(first.expires_in).toBe(600);
    expect(first.token.split('.')).toHaveLength(3);
    expect(first.conversationId).not.toBe(second.conversationId);
    const started = await h.request('POST', `${BASE}/conversations`, { auth: first.token });
    expect(started.status).toBe(201);
    expect((await started.json()).conversationId).toBe(first.conversationId);
  });

  it('answers 401 with a Direct Line error when there is no Authorization header', async () => {
    const response = await createHarness().request('POST', `${BASE}/tokens/generate`);
    expect(response.status).toBe(401);
    expect((await response.json()).error).toMatchObject({ code: 'Unauthorized', message: expect.stringContaining('Bearer') });
  });

  it('refuses a wrong secret and refuses tokens (only the secret generates)', async () => {
    const h = createHarness();
    const wrong = await h.request('POST', `${BASE}/tokens/generate`, { auth: `${SECRET}x` });
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).error.code).toBe('TokenInvalid');
    const { token } = await h.generate();
    const withToken = await h.request('POST', `${BASE}/tokens/generate`, { auth: token });
    expect(withToken.status).toBe(403);
    expect((await withToken.json()).error.message).toContain('only the secret');
  });

  it('binds the user the site owner names, whatever the browser claims later', async () => {
    const h = createHarness();
    const { conversationId, token } = await h.generate({ user: { id: 'dl_customer_42', name: 'Sam' } });
    await h.request('POST', `${BASE}/conversations`, { auth: token });
    await h.settle();
    const body = { type: 'message', text: 'hello', from: { id: 'someone_else', name: 'Mallory' } };
    expect((await h.request('POST', `${BASE}/conversations/${conversationId}/activities`, { auth: token, body })).status).toBe(200);
    const { activities } = await h.poll(conversationId, token);
    const echo = activities.find((a) => a.from.role === 'user')!;
    expect(echo.from).toEqual({ id: 'dl_customer_42', name: 'Sam', role: 'user' });
  });

  it('rejects a body with the wrong shape', async () => {
    const h = createHarness();
    const response = await h.request('POST', `${BASE}/tokens/generate`, { auth: SECRET, body: { user: { id: 7 } } });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toContain('user.id');
  });

  it('answers 503 naming the setting when no secret is configured', async () => {
    const h = createHarness({ DIRECT_LINE_SECRET: '' });
    const response = await h.request('POST', `${BASE}/tokens/generate`, { auth: SECRET });
    expect(response.status).toBe(503);
    expect((await response.json()).error.message).toContain('DIRECT_LINE_SECRET');
  });
});

describe('token checks on every conversation route', () => {
  it('refuses a token signed with another secret', async () => {
    const h = createHarness();
    const { conversationId } = await h.generate();
    const forged = await sign({ iss: 'softbounce/directline', conv: conversationId, exp: 4_000_000_000 }, 'another-secret-0123456789', 'HS256');
    const response = await h.request('GET', `${BASE}/conversations/${conversationId}/activities`, { auth: forged });
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe('TokenInvalid');
  });

  it('refuses a token that is not a JWT at all', async () => {
    const h = createHarness();
    const response = await h.request('POST', `${BASE}/conversations`, { auth: 'not-a-token' });
    expect(response.status).toBe(403);
  });

  it('refuses an expired token with TokenExpired', async () => {
    const h = createHarness({ DIRECT_LINE_TOKEN_TTL_SECONDS: '60' });
    const { conversationId, token } = await h.started();
    h.advance(59_000);
    expect((await h.request('GET', `${BASE}/conversations/${conversationId}/activities`, { auth: token })).status).toBe(200);
    h.advance(1_000);
    const response = await h.request('GET', `${BASE}/conversations/${conversationId}/activities`, { auth: token });
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe('TokenExpired');
  });

  it('gives a token for conversation A no access to conversation B', async () => {
    const h = createHarness();
    const a = await h.started();
    const b = await h.started();
    for (const [method, path, body] of [
      ['GET', `${BASE}/conversations/${b.conversationId}?watermark=`, undefined],
      ['GET', `${BASE}/conversations/${b.conversationId}/activities?watermark=`, undefined],
      ['POST', `${BASE}/conversations/${b.conversationId}/activities`, { type: 'message', text: 'hi' }],
    ] as const) {
      const response = await h.request(method, path, { auth: a.token, body });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect((await response.json()).error.code).toBe('Forbidden');
    }
    const { activities } = await h.poll(b.conversationId, b.token);
    expect(activities.filter((x) => x.from.role === 'user')).toEqual([]);
  });
});

describe('POST /tokens/refresh', () => {
  it('swaps a live token for a fresh one on the same conversation', async () => {
    const h = createHarness({ DIRECT_LINE_TOKEN_TTL_SECONDS: '60' });
    const { conversationId, token } = await h.started();
    h.advance(50_000);
    const response = await h.request('POST', `${BASE}/tokens/refresh`, { auth: token });
    expect(response.status).toBe(200);
    const refreshed = await response.json();
    expect(refreshed).toMatchObject({ conversationId, expires_in: 60 });
    h.advance(30_000);
    expect((await h.request('GET', `${BASE}/conversations/${conversationId}/activities`, { auth: token })).status).toBe(403);
    expect((await h.request('GET', `${BASE}/conversations/${conversationId}/activities`, { auth: refreshed.token })).status).toBe(200);
  });

  it('cannot bring an expired token back, and does not take the secret', async () => {
    const h = createHarness({ DIRECT_LINE_TOKEN_TTL_SECONDS: '60' });
    const { token } = await h.generate();
    h.advance(61_000);
    expect((await h.request('POST', `${BASE}/tokens/refresh`, { auth: token })).status).toBe(403);
    const withSecret = await h.request('POST', `${BASE}/tokens/refresh`, { auth: SECRET });
    expect(withSecret.status).toBe(403);
    expect((await withSecret.json()).error.message).toContain('takes a token');
  });
});

describe('isSecret', () => {
  it('accepts only the secret itself: not a prefix, not a longer string, not one of the same length in UTF-16 only', () => {
    const secret = 'abcdefghij0123456789abcdefghij';
    expect(isSecret(secret, secret)).toBe(true);
    expect(isSecret(secret, secret.slice(0, -1))).toBe(false);
    expect(isSecret(secret, `${secret}x`)).toBe(false);
    expect(isSecret(secret, `${secret.slice(0, -1)}k`)).toBe(false);
    expect(isSecret(secret, `${secret.slice(0, -1)}é`)).toBe(false);
    expect(isSecret(secret, '')).toBe(false);
  });
});
