/**
 * How the Worker hands a verified Direct Line stream request to the conversation's Durable Object: a WebSocket
 * upgrade request whose query says where the client is in the log and when its token expires. The object is
 * reachable only through the Worker's binding, so it can trust what the Worker checked.
 */
import type { StreamRequest } from '../../http/deps.js';

const ORIGIN = 'https://conversation.internal/stream';

/** The upgrade request the object answers with the socket. */
export function streamOpening({ after, expiresAt }: StreamRequest): Request {
  const url = new URL(ORIGIN);
  url.searchParams.set('after', String(after));
  url.searchParams.set('expiresAt', String(expiresAt));
  return new Request(url, { headers: { upgrade: 'websocket' } });
}

/** Reads back what `streamOpening` wrote. */
export function readStreamOpening(request: Request): { after: number; expiresAt: number } {
  const url = new URL(request.url);
  const after = Number(url.searchParams.get('after'));
  const expiresAt = Number(url.searchParams.get('expiresAt'));
  if (request.headers.get('upgrade') !== 'websocket' || !Number.isSafeInteger(after) || !Number.isSafeInteger(expiresAt)) {
    throw new Error('a conversation object opens only streams the Worker verified (see streamOpening)');
  }
  return { after, expiresAt };
}
