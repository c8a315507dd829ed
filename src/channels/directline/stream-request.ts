/**
 * Checks a request for a conversation's WebSocket stream before any socket is opened: a WebSocket upgrade, a
 * valid token for this very conversation (from the stream address, or the Authorization header), and a
 * watermark the log has reached. Anything else is refused with a plain HTTP error, so no socket ever opens.
 */
import type { Context } from 'hono';
import type { AppDeps, StreamRequest } from '../../http/deps.js';
import { forbidden, HttpError, notFound } from '../../http/errors.js';
import { assertConversation, identifyCaller, requireSecret } from './auth.js';
import { conversationParam, readWatermark } from './params.js';
import { STREAM_TOKEN_PARAM, STREAM_WATERMARK_PARAM } from './stream-url.js';
import type { verifyToken } from './tokens.js';

/** Throws 404 when a client resumes past the end of the log: the conversation it saw has been erased. */
export async function assertLogReaches(deps: Pick<AppDeps, 'store'>, conversationId: string, after: number): Promise<void> {
  if (after === 0) return;
  const { watermark } = await deps.store.recentActivities(conversationId, 0);
  if (after > watermark) {
    throw notFound(`conversation ${conversationId} has no activity ${after}: it has been erased; start a new conversation`);
  }
}

/** Verifies a stream request; returns what the runtime needs to open the socket. */
export async function verifyStreamRequest(c: Context, deps: AppDeps, verify: typeof verifyToken): Promise<StreamRequest> {
  const secret = requireSecret(deps.config.DIRECT_LINE_SECRET);
  const conversationId = conversationParam(c);
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
    throw new HttpError(426, 'UpgradeRequired', 'the stream is a WebSocket: connect to the streamUrl with a WebSocket client', {
      upgrade: 'websocket',
    });
  }
  const token = c.req.query(STREAM_TOKEN_PARAM);
  const caller = await identifyCaller(token ? `Bearer ${token}` : c.req.header('authorization'), secret, deps.now(), verify);
  if (caller.kind !== 'token') {
    throw forbidden('the stream takes a conversation token, never the secret: use the streamUrl that /conversations returned');
  }
  assertConversation(caller, conversationId);
  const after = readWatermark(c.req.query(STREAM_WATERMARK_PARAM));
  await assertLogReaches(deps, conversationId, after);
  return { conversationId, expiresAt: caller.exp * 1000, after };
}
