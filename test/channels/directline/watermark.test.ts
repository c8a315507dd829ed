import { describe, expect, it } from 'vitest';
import { BASE, createHarness, type Activity } from './harness.js';

describe('GET /conversations/{id}/activities?watermark=', () => {
  it('treats an empty or missing watermark as the start of the log', async () => {
    const h = createHarness();
    const { conversationId, token } = await h.started();
    const empty = await h.poll(conversationId, token, '');
    const missing = await (await h.request('GET', `${BASE}/conversations/${conversationId}/activities`, { auth: token })).json();
    expect(empty.activities.length).toBeGreaterThan(0);
    expect(missing).toEqual(empty);
    expect(empty.watermark).toBe(String(empty.activities.length));
  });

  it('returns nothing new at the current watermark, and the same watermark', async () => {
    const h = createHarness();
    const { conversationId, token } = await h.started();
    const { watermark } = await h.poll(conversationId, token);
    expect(await h.poll(conversationId, token, watermark)).toEqual({ activities: [], watermark });
  });

  it('gives a poller with any old watermark every later activity once, in order, as watermarks only grow', async () => {
    const h = createHarness();
    const { conversationId, token } = await h.started();
    const watermarks = [(await h.poll(conversationId, token)).watermark];
    for (const text of ['my mail to yahoo is deferred with 421', 'for about two hours', 'no']) {
      await h.say(conversationId, token, text);
      watermarks.push((await h.poll(conversationId, token, watermarks.at(-1))).watermark);
    }
    expect(watermarks.map(Number)).toEqual([...watermarks.map(Number)].sort((a, b) => a - b));
    const full = (await h.poll(conversationId, token)).activities;
    for (let from = 0; from <= full.length; from += 1) {
      const seen: Activity[] = [];
      let mark = String(from);
      for (;;) {
        const page = await h.poll(conversationId, token, mark);
        if (page.activities.length === 0) break;
        seen.push(...page.activities);
        mark = page.watermark;
      }
      expect(seen.map((a) => a.id)).toEqual(full.slice(from).map((a) => a.id));
    }
  });

  it('rejects a watermark ahead of the log, negative or not a number', async () => {
    const h = createHarness();
    const { conversationId, token } = await h.started();
    const { watermark } = await h.poll(conversationId, token);
    for (const bad of [String(Number(watermark) + 1), '-1', '1.5', 'abc', '1e3']) {
      const response = await h.request('GET', `${BASE}/conversations/${conversationId}/activities?watermark=${bad}`, { auth: token });
      expect(response.status, bad).toBe(400);
      expect((await response.json()).error.message).toContain('watermark');
    }
  });

  it('shows an empty log for a conversation whose token was generated but not started yet', async () => {
    const h = createHarness();
    const { conversationId, token } = await h.generate();
    expect(await h.poll(conversationId, token)).toEqual({ activities: [], watermark: '0' });
  });
});
