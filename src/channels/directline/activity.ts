/** Parses what a client posts to `/activities` into a checked activity; anything else is a 400 saying what was wrong. */
import * as z from 'zod';
import { parseJsonText, validateBody } from '../../http/body.js';
import { badRequest } from '../../http/errors.js';

/** Activity types a client may post. Messages run a turn; the others are acknowledged. */
export const CLIENT_ACTIVITY_TYPES = ['message', 'typing', 'event'] as const;

/** Longest message text accepted (a pasted bounce with headers fits comfortably). */
export const MAX_TEXT_LENGTH = 10_000;

const account = z.object({
  id: z.string().max(256).optional(),
  name: z.string().max(256).optional(),
  role: z.string().max(32).optional(),
});

const schema = z.object({
  type: z.string().min(1, 'must not be empty'),
  text: z.string().max(MAX_TEXT_LENGTH).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  locale: z.string().max(64).optional(),
  name: z.string().max(256).optional(),
  from: account.optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
  value: z.unknown().optional(),
  entities: z.array(z.record(z.string(), z.unknown())).max(32).optional(),
  attachments: z.array(z.unknown()).optional(),
});

/** A posted activity that passed the checks. */
export type ClientActivity = Omit<z.infer<typeof schema>, 'attachments'> & { type: (typeof CLIENT_ACTIVITY_TYPES)[number] };

/** Parses the raw request body text; the 400 message names the field and the problem. */
export function parseClientActivity(body: string): ClientActivity {
  const raw = parseJsonText(body);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw badRequest('the body must be one activity, a JSON object');
  const { attachments, ...activity } = validateBody(raw, schema, (path) => `activity.${path || '(root)'}`);
  if (!(CLIENT_ACTIVITY_TYPES as readonly string[]).includes(activity.type)) {
    throw badRequest(`unknown activity type "${activity.type}": send one of ${CLIENT_ACTIVITY_TYPES.join(', ')}`);
  }
  if (activity.type === 'message' && !activity.text?.trim()) {
    const why = attachments?.length ? 'attachments are not read, ' : '';
    throw badRequest(`a message needs text: ${why}type or paste the bounce message as text`);
  }
  return activity as ClientActivity;
}
