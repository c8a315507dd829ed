import { describe, expect, it } from 'vitest';
import { BASE, createHarness } from '../channels/directline/harness.js';

describe('support page', () => {
  it('serves the page with the widget script, the progress line and the Direct Line domain', async () => {
    const response = await createHarness().request('GET', '/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('<script src="/webchat.js"></script>');
    expect(html).toContain('id="progress"');
    expect(html).toContain("domain: location.origin + '/v3/directline'");
    // Default Direct Line options: the widget streams over the WebSocket instead of polling.
    expect(html).not.toContain('webSocket: false');
  });

  it('hands the page a conversation token made with the server-side secret', async () => {
    const h = createHarness();
    const response = await h.request('POST', '/webchat/token');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { token, conversationId } = await response.json();
    const started = await h.request('POST', `${BASE}/conversations`, { auth: token });
    expect(started.status).toBe(201);
    expect((await started.json()).conversationId).toBe(conversationId);
  });

  it('serves the Web Chat bundle from the bytes the runtime hands over, reading them once', async () => {
    let reads = 0;
    const bytes = new TextEncoder().encode('window.WebChat = {};');
    const h = createHarness({}, async (name) => {
      reads += 1;
      return name === 'webchat.js' ? bytes : undefined;
    });
    for (let i = 0; i < 2; i += 1) {
      const response = await h.request('GET', '/webchat.js');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('javascript');
      expect(await response.text()).toBe('window.WebChat = {};');
    }
    expect(reads).toBe(1);
  });

  it('leaves /webchat.js to the runtime when no reader is given (Workers static assets)', async () => {
    expect((await createHarness().request('GET', '/webchat.js')).status).toBe(404);
  });
});
