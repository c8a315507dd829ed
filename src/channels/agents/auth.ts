/** Bearer-token check for the agents API, compared in constant time. */
import type { MiddlewareHandler } from 'hono';
import { HttpError, unauthorized } from '../../http/errors.js';

const encoder = new TextEncoder();

/** Compares two strings without leaking where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  let diff = left.length ^ right.length;
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) diff |= (left[i] ?? 0) ^ (right[i] ?? 0);
  return diff === 0;
}

/** Requires `Authorization: Bearer <AGENT_TOKEN>`; without a configured token the API is off (503). */
export function requireAgentToken(token: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (!token) throw new HttpError(503, 'AgentsApiDisabled', 'the agents API is off: set AGENT_TOKEN to enable it');
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match) throw unauthorized('send the agent token as "Authorization: Bearer <AGENT_TOKEN>"');
    if (!constantTimeEqual(match[1] ?? '', token)) throw unauthorized('the agent token is not valid');
    await next();
  };
}
