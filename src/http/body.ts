/** JSON request bodies: parsed and validated, with every problem a 400 that says what was wrong. */
import type { Context } from 'hono';
import type { z } from 'zod';
import { badRequest } from './errors.js';

/** Parses body text as JSON; malformed text is a 400 naming the parser's complaint. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest(`the body is not valid JSON (${(error as Error).message})`);
  }
}

/** Validates `raw` with `schema`; the 400 names the first problem's field as `label(path)` says. */
export function validateBody<T extends z.ZodType>(raw: unknown, schema: T, label = (path: string) => path || 'body'): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw badRequest(`${label(issue?.path.join('.') ?? '')}: ${issue?.message ?? 'invalid'}`);
}

/** Reads the request's JSON body and validates it. */
export async function readJsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  return validateBody(parseJsonText(await c.req.text()), schema);
}
