import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../src/channels/directline/routes.js';
import { BASE, createHarness } from './harness.js';

const preflight = (origin: string) => ({
  origin,
  'access-control-request-method': 'POST',
  'access-control-request-headers': 'authorization,content-type,x-ms-bot-agent',
});

describe('CORS', () => {
  it('allows a configured origin, with the headers Web Chat sends', async () => {
    const h = createHarness({ CORS_ORIGINS: 'https://www.example.com, https://help.example.com' });
    const response = await h.request('OPTIONS', `${BASE}/conversations/abc/activities`, { headers: preflight('https://help.example.com') });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://help.example.com');
    const allowed = response.headers.get('access-control-allow-headers')!.split(',');
    expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type', 'x-ms-bot-agent']));
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('gives other origins no CORS grant', async () => {
    const h = createHarness({ CORS_ORIGINS: 'https://www.example.com' });
    const response = await h.request('OPTIONS', `${BASE}/tokens/refresh`, { headers: preflight('https://evil.example') });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows any origin when configured with *', async () => {
    const h = createHarness({ CORS_ORIGINS: '*' });
    const { token } = await h.generate();
    const response = await h.request('POST', `${BASE}/conversations`, { auth: token, headers: { origin: 'https://anywhere.example' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('request body size', () => {
  it('refuses a body over the limit with 413 and a Direct Line error', async () => {
    const h = createHarness();
    const { conversationId, token } = await h.started();
    const body = JSON.stringify({ type: 'message', text: 'x'.repeat(MAX_BODY_BYTES) });
    const response = await h.request('POST', `${BASE}/conversations/${conversationId}/activities`, { auth: token, body });
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe('BodyTooLarge');
  });
});

describe('per-conversation rate limit', () => {
  it('answers 429 with Retry-After past the limit, per conversation, and lets the next minute through', async () => {
    const h = createHarness({ RATE_LIMIT_PER_MINUTE: '3' });
    const a = await h.started();
    const b = await h.started();
    for (const text of ['hello', 'my mail bounces with 421', 'since today']) await h.say(a.conversationId, a.token, text);
    h.advance(20_000);
    const { watermark } = await h.poll(a.conversationId, a.token);
    const limited = await h.request('POST', `${BASE}/conversations/${a.conversationId}/activities`, {
      auth: a.token,
      body: { type: 'message', text: 'one more' },
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('40');
    expect((await limited.json()).error.code).toBe('TooManyRequests');
    expect((await h.poll(a.conversationId, a.token)).watermark).toBe(watermark);

    await h.say(b.conversationId, b.token, 'hello');
    h.advance(40_000);
    await h.say(a.conversationId, a.token, 'one more');
  });
});
