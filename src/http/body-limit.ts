/**
 * The request-body limit of every route that takes a body. It reads the whole body before answering, past the limit
 * too: a 413 sent while the client is still sending leaves unread bytes on a keep-alive connection, which the
 * Node server then tears down, and a fetch client sees "other side closed" instead of the 413. Bodies past
 * DRAIN_LIMIT are not worth reading: they get the 413 with `Connection: close`.
 */
import type { MiddlewareHandler } from 'hono';
import { HttpError } from './errors.js';

/** Largest body read to the end just to answer it cleanly. */
export const DRAIN_LIMIT = 4 * 1024 * 1024;

function concat(chunks: Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const whole = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.byteLength;
  }
  return whole;
}

/** Rejects bodies over `maxBytes` with a 413 BodyTooLarge error, after the body has arrived. */
export function limitBody(maxBytes: number): MiddlewareHandler {
  const tooLarge = (close: boolean) =>
    new HttpError(413, 'BodyTooLarge', `the body is larger than ${maxBytes} bytes`, close ? { connection: 'close' } : {});
  return async (c, next) => {
    const length = c.req.header('content-length');
    const declared = length === undefined || length === '' ? undefined : Number(length);
    // A declared length is what the HTTP parser reads, no more: within the limit the body is read as text at once
    // (kept for the route; on Node without building a web stream, which costs more than the rest of a small
    // request). It is read even when the route answers before looking at it: an unread body left on a kept-alive
    // connection broke the next request behind wrangler dev's proxy.
    if (declared !== undefined && declared <= maxBytes && c.req.header('transfer-encoding') === undefined) {
      await c.req.text();
      return next();
    }
    if (declared !== undefined && declared > DRAIN_LIMIT) throw tooLarge(true);
    const body = c.req.raw.body;
    if (!body) return next();
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      size += read.value.byteLength;
      if (size > DRAIN_LIMIT) {
        await reader.cancel();
        throw tooLarge(true);
      }
      if (size <= maxBytes) chunks.push(read.value);
    }
    if (size > maxBytes) throw tooLarge(false);
    c.req.raw = new Request(c.req.raw, { body: concat(chunks, size) });
    return next();
  };
}
