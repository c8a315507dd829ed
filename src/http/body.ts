/** Reads a JSON body and validates it, turning every problem into a 400 that says what was wrong. */
import type { Context } from 'hono';
import type { z } from 'zod';
import { badRequest } from './errors.js';

export async function readJsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch (error) {
    throw badRequest(`the body is not valid JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'body';
    throw badRequest(`${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
