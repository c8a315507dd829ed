/** Who is calling: the site owner (with the secret) or a browser (with a token for one conversation). */
import { HttpError, unauthorized } from '../../http/errors.js';
import { isSecret, verifyToken, type TokenClaims } from './tokens.js';

/** The verified caller of a Direct Line route. */
export type Caller = { kind: 'secret' } | ({ kind: 'token'; token: string } & TokenClaims);

/** Throws 503 when no secret is configured, so the operator sees what to set. */
export function requireSecret(secret: string | undefined): string {
  if (!secret) throw new HttpError(503, 'NotConfigured', 'Direct Line is switched off: set DIRECT_LINE_SECRET');
  return secret;
}

/** Reads `Authorization: Bearer <secret or token>`; 401 when missing, 403 when forged or expired. */
export async function identifyCaller(
  header: string | undefined,
  secret: string,
  nowMs: number,
  verify: typeof verifyToken = verifyToken,
): Promise<Caller> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) throw unauthorized('send "Authorization: Bearer <token>" (a token from /v3/directline/tokens/generate)');
  const credential = match[1]!;
  if (isSecret(secret, credential)) return { kind: 'secret' };
  return { kind: 'token', token: credential, ...(await verify(secret, credential, nowMs)) };
}

/** A token opens only its own conversation; the secret opens any. */
export function assertConversation(caller: Caller, conversationId: string): void {
  if (caller.kind === 'token' && caller.conversationId !== conversationId) {
    throw new HttpError(403, 'Forbidden', 'this token belongs to another conversation');
  }
}
