/** Path and query parameters the Direct Line routes share. */
import type { Context } from 'hono';
import { badRequest } from '../../http/errors.js';

const CONVERSATION_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** `?watermark=` as Web Chat sends it: absent or empty means from the start. */
export function readWatermark(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 0;
  if (!/^\d{1,15}$/.test(raw)) throw badRequest(`watermark must be a whole number from an earlier response, not "${raw}"`);
  return Number(raw);
}

/** The `:id` of the path, checked. */
export function conversationParam(c: Context): string {
  const id = c.req.param('id') ?? '';
  if (!CONVERSATION_ID.test(id)) throw badRequest('conversation id must be 1-128 letters, digits, "-" or "_"');
  return id;
}
