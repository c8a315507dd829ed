import { describe, expect, it } from 'vitest';
import { conversationIdOf, routeGroup } from '../../src/ops/request-log.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { AGENT_TOKEN, SECRET, testApp } from './app.js';

describe('request ids and access log', () => {
  it('gives every response a request id and logs one JSON line with it', async () => {
    const app = testApp();
    const response = await app.request('/agents/analytics');
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(app.logs).toContainEqual(expect.objectContaining({ level: 'info', msg: 'request', requestId: id, method: 'GET', path: '/agents/analytics', status: 200 }));
  });

  it('keeps a sane incoming request id and replaces a strange one', async () => {
    const app = testApp();
    const kept = await app.request('/healthz', { headers: { 'x-request-id': 'lb-1234.abc' } });
    expect(kept.headers.get('x-request-id')).toBe('lb-1234.abc');
    const replaced = await app.request('/healthz', { headers: { 'x-request-id': 'bad id <script>' } });
    expect(replaced.headers.get('x-request-id')).not.toContain('script');
  });

  it('logs the conversation id and redacts emails and IPs', async () => {
    const app = testApp();
    await app.request('/v3/directline/conversations/bob@example.com/activities?watermark=', { headers: { authorization: `Bearer ${SECRET}` } });
    await app.request('/v3/directline/conversations/10.1.2.3', { headers: { authorization: `Bearer ${SECRET}` } });
    const text = JSON.stringify(app.logs);
    expect(text).not.toContain('bob@example.com');
    expect(text).not.toContain('10.1.2.3');
    expect(app.logs).toContainEqual(expect.objectContaining({ conversationId: '[email]', path: '/v3/directline/conversations/[email]/activities' }));
  });

  it('sorts paths into route groups', () => {
    expect(routeGroup('/v3/directline/conversations/x/activities')).toBe('directline');
    expect(routeGroup('/api/messages')).toBe('teams');
    expect(routeGroup('/slack/events')).toBe('slack');
    expect(routeGroup('/api/agents/analytics')).toBe('agents');
    expect(routeGroup('/metrics')).toBe('ops');
    expect(routeGroup('/')).toBe('web');
    expect(routeGroup('/wp-admin.php')).toBe('other');
    expect(conversationIdOf('/api/agents/conversations/abc/messages')).toBe('abc');
  });
});

describe('GET /metrics', () => {
  it('counts turns, outcomes and channel errors by route group', async () => {
    const app = testApp();
    const started = (await (await app.request('/v3/directline/conversations', { method: 'POST', headers: { authorization: `Bearer ${SECRET}` } })).json()) as {
      conversationId: string; token: string;
    };
    await app.request(`/v3/directline/conversations/${started.conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${started.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', from: { id: 'u1' }, text: 'Delivery failed: 550 5.1.1 user unknown' }),
    });
    await app.request('/api/agents/analytics');
    await app.request('/api/agents/analytics', { headers: { authorization: `Bearer ${AGENT_TOKEN}` } });
    await app.request('/no/such/page');

    const response = await app.request('/metrics');
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await response.text();
    expect(text).toMatch(/softbounce_turns_total\{channel="directline",status="routed"\} 1/);
    expect(text).toMatch(/softbounce_outcomes_total\{outcome="routed",reason=""\} 1/);
    expect(text).toMatch(/softbounce_turn_duration_seconds_count\{channel="directline"\} \d+/);
    expect(text).toContain('softbounce_channel_errors_total{group="agents",status="401"} 1');
    expect(text).toContain('softbounce_channel_errors_total{group="other",status="404"} 1');
    expect(text).toContain('softbounce_http_responses_total{class="2xx",group="agents"} 1');
  });
});

describe('GET /readyz', () => {
  it('is ready when the store answers and every runtime check passes', async () => {
    const app = testApp({ readyChecks: { flows: () => undefined } });
    const response = await app.request('/readyz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ready: true, checks: { store: 'ok', flows: 'ok' } });
  });

  it('answers 503 naming the part that is not ready', async () => {
    const store = openSqliteStore(':memory:');
    await store.close();
    const app = testApp({ store, readyChecks: { model: () => Promise.reject(new Error('model not loaded')) } });
    const response = await app.request('/readyz');
    expect(response.status).toBe(503);
    const body = (await response.json()) as { ready: boolean; checks: Record<string, string> };
    expect(body.ready).toBe(false);
    expect(body.checks.store).toMatch(/not open|closed/i);
    expect(body.checks.model).toBe('model not loaded');
    expect(app.logs).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'not ready' }));
  });
});
