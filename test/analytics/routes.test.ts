import { describe, expect, it } from 'vitest';
import type { AnalyticsReport } from '../../src/analytics/types.js';
import { AGENT_TOKEN, testApp } from '../ops/app.js';
import { scripted } from './scripted.js';

const NOW = Date.parse('2026-11-30T09:00:00Z');
const auth = { authorization: `Bearer ${AGENT_TOKEN}` };

async function withConversations() {
  const s = scripted(NOW - 3_600_000);
  const customer = s.customer('c1');
  await customer.says('Delivery failed: 550 5.1.1 user unknown');
  await s.customer('c2', 'slack').says('qwv zzkx plonk');
  // A stored example with markup, as a customer could type it: the page must show it as text.
  const [event] = (await s.store.listEvents(0, NOW)).filter((e) => e.conversationId === 'c2');
  await s.store.appendEvents([{ ...event!, at: event!.at + 1, unsure: true, confidence: 0.1, text: '<script>alert(1)</script>' }]);
  return testApp({ store: s.store, now: NOW });
}

describe('GET /api/agents/analytics', () => {
  it('needs the agent token', async () => {
    const app = testApp();
    expect((await app.request('/api/agents/analytics')).status).toBe(401);
    expect((await app.request('/api/agents/analytics', { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(401);
  });

  it('reports the last seven days by default as JSON', async () => {
    const app = await withConversations();
    const response = await app.request('/api/agents/analytics', { headers: auth });
    expect(response.status).toBe(200);
    const report = (await response.json()) as AnalyticsReport;
    expect(report.period).toEqual({ from: new Date(NOW - 7 * 86_400_000).toISOString(), to: new Date(NOW).toISOString() });
    // c2 never told a mail problem: it is not a started (and later abandoned) conversation.
    expect(report.started).toBe(1);
    expect(report.unrelated).toBe(1);
    expect(report.outcomes.routed.count).toBe(1);
    expect(report.funnel).toHaveLength(6);
  });

  it('honours from and to', async () => {
    const app = await withConversations();
    const response = await app.request('/api/agents/analytics?from=2026-11-01&to=2026-11-29', { headers: auth });
    expect(((await response.json()) as AnalyticsReport).started).toBe(0);
  });

  it('answers a bad period or format with a 400 that says what is expected', async () => {
    const app = testApp();
    const bad = await app.request('/api/agents/analytics?from=yesterday', { headers: auth });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/from: "yesterday" is not a date; use YYYY-MM-DD/);
    const reversed = await app.request('/api/agents/analytics?from=2026-11-30&to=2026-11-01', { headers: auth });
    expect(reversed.status).toBe(400);
    const format = await app.request('/api/agents/analytics?format=pdf', { headers: auth });
    expect(format.status).toBe(400);
    expect(((await format.json()) as { error: { message: string } }).error.message).toContain('json, text, html');
  });

  it('renders text tables and an HTML fragment with the user text escaped', async () => {
    const app = await withConversations();
    const text = await (await app.request('/api/agents/analytics?format=text', { headers: auth })).text();
    expect(text).toContain('Conversations started: 1 (directline 1); without a mail problem: 1');
    const html = await (await app.request('/api/agents/analytics?format=html', { headers: auth })).text();
    expect(html).toContain('<svg');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('GET /agents/analytics', () => {
  it('serves the page without data and with a strict content security policy', async () => {
    const response = await testApp().request('/agents/analytics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('name="token"');
    expect(html).toContain('/api/agents/analytics');
  });
});
