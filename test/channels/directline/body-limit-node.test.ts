/**
 * Over-limit bodies against the real Node server (@hono/node-server), posted with fetch over a keep-alive
 * connection: each must get a whole 413 answer, not a connection torn down while the client is still sending.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../src/channels/directline/routes.js';
import { startNodeServer, type RunningServer } from '../../e2e/servers.js';

const SECRET = 'body-limit-secret-0123456789abcdef';
const OVERSIZE = 70 * 1024;

describe('Direct Line body limit on the Node server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startNodeServer({ DIRECT_LINE_SECRET: SECRET, LOG_LEVEL: 'warn' });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  const post = (path: string, body: string, token = SECRET) =>
    fetch(`${server.baseUrl}/v3/directline${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });

  it('answers a 70 KB conversation start, then a 70 KB activity, with 413 and the Direct Line error', async () => {
    const started = await post('/conversations', '');
    expect(started.status).toBe(201);
    const { conversationId, token } = (await started.json()) as { conversationId: string; token: string };

    const oversized = [
      () => post('/conversations', JSON.stringify({ user: { id: 'u1', name: 'x'.repeat(OVERSIZE) } })),
      () => post(`/conversations/${conversationId}/activities`, JSON.stringify({ type: 'message', text: 'y'.repeat(OVERSIZE) }), token),
      () => post('/tokens/generate', 'z'.repeat(OVERSIZE)),
    ];
    // Twice over, so the later requests reuse the keep-alive connection the earlier 413s answered on.
    for (const send of [...oversized, ...oversized]) {
      const response = await send();
      expect(response.status).toBe(413);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('BodyTooLarge');
      expect(body.error.message).toContain(String(MAX_BODY_BYTES));
    }

    const after = await post(`/conversations/${conversationId}/activities`, JSON.stringify({ type: 'message', text: 'hello' }), token);
    expect(after.status).toBe(200);
  }, 60_000);

  // Answered before they were read, these were cut off mid-send ("other side closed") on reused keep-alive
  // connections, once the server's after-the-answer drain of the unread bytes took longer than it allows.
  it('answers rounds of large bodies sent at once over pooled connections, each with 413', async () => {
    const round = (size: number) =>
      Promise.all(
        Array.from({ length: 20 }, () =>
          post('/conversations', JSON.stringify({ user: { id: 'x'.repeat(size) } })).then(
            async (response) => `${response.status} ${((await response.json()) as { error: { code: string } }).error.code}`,
            (error: Error & { cause?: Error }) => `failed: ${error.cause?.message ?? error.message}`,
          ),
        ),
      );
    for (const size of [OVERSIZE, 300_000, 1_100_000]) {
      expect(await round(size)).toEqual(Array.from({ length: 20 }, () => '413 BodyTooLarge'));
    }
  }, 60_000);
});
