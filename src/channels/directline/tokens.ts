/**
 * Direct Line tokens: HS256 JWTs signed with DIRECT_LINE_SECRET (Web Crypto, so Node and Workers alike),
 * each bound to one conversation and, when the site owner named one, one user.
 */
import { sign, verify } from 'hono/jwt';
import { HttpError } from '../../http/errors.js';

const ISSUER = 'softbounce/directline';

/** What a valid token says about its bearer. */
export interface TokenClaims {
  conversationId: string;
  userId?: string;
  userName?: string;
  /** Expiry, epoch seconds. */
  exp: number;
}

/** The body of `/tokens/generate` and `/tokens/refresh`, as Direct Line clients expect it. */
export interface IssuedToken {
  conversationId: string;
  token: string;
  expires_in: number;
}

/** Signs a token for `conversationId` that expires `ttlSeconds` after `nowMs`. */
export async function issueToken(
  secret: string,
  claims: Omit<TokenClaims, 'exp'>,
  nowMs: number,
  ttlSeconds: number,
): Promise<IssuedToken> {
  const iat = Math.floor(nowMs / 1000);
  const payload = {
    iss: ISSUER,
    conv: claims.conversationId,
    iat,
    exp: iat + ttlSeconds,
    ...(claims.userId ? { uid: claims.userId } : {}),
    ...(claims.userName ? { unm: claims.userName } : {}),
  };
  return { conversationId: claims.conversationId, token: await sign(payload, secret, 'HS256'), expires_in: ttlSeconds };
}

/** Checks signature, issuer and expiry (against our clock, so tests control time); throws a 403 Direct Line error. */
export async function verifyToken(secret: string, token: string, nowMs: number): Promise<TokenClaims> {
  let payload: Record<string, unknown>;
  try {
    payload = await verify(token, secret, { alg: 'HS256', iss: ISSUER, exp: false, nbf: false, iat: false });
  } catch {
    throw new HttpError(403, 'TokenInvalid', 'the token is not valid: get a new one from /v3/directline/tokens/generate');
  }
  const { conv, exp, uid, unm } = payload;
  if (typeof conv !== 'string' || typeof exp !== 'number') {
    throw new HttpError(403, 'TokenInvalid', 'the token does not name a conversation');
  }
  if (exp * 1000 <= nowMs) {
    throw new HttpError(403, 'TokenExpired', 'the token has expired: refresh it before it runs out, or get a new one');
  }
  return {
    conversationId: conv,
    exp,
    ...(typeof uid === 'string' ? { userId: uid } : {}),
    ...(typeof unm === 'string' ? { userName: unm } : {}),
  };
}

/**
 * Compares a presented credential with the secret without leaking where they differ. Only the length is told
 * apart early: every browser call presents a token, several times longer than a secret, and need not be encoded.
 */
export function isSecret(secret: string, presented: string): boolean {
  if (presented.length !== secret.length) return false;
  const a = new TextEncoder().encode(secret);
  const b = new TextEncoder().encode(presented);
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i += 1) diff |= a[i]! ^ (b[i] ?? 0);
  return diff === 0;
}

/** A verified (or issued) token, kept while it is valid so a client's calls skip the signature check. */
interface KnownToken {
  secret: string;
  claims: TokenClaims;
}

/** Issues tokens and verifies them, remembering the ones it issued or verified. */
export interface Tokens {
  /** `issueToken`, and the new token is known valid from then on (the client uses it next). */
  issue(secret: string, claims: Omit<TokenClaims, 'exp'>, nowMs: number, ttlSeconds: number): Promise<IssuedToken>;
  /** `verifyToken`, answered without the signature check for a token issued or verified before. */
  verify: typeof verifyToken;
}

/**
 * Tokens behind a bounded LRU of tokens known valid: those this process signed, and those that verified (Web Chat
 * sends the same token on every call). A signature, once checked, stays good for the same secret, so a known
 * token is trusted until it expires; the secret and the expiry are still checked on every call.
 */
export function createTokens(capacity = 1_000): Tokens {
  const known = new Map<string, KnownToken>();
  const remember = (token: string, entry: KnownToken) => {
    known.delete(token);
    known.set(token, entry);
    if (known.size > capacity) known.delete(known.keys().next().value!);
  };
  return {
    async issue(secret, claims, nowMs, ttlSeconds) {
      const issued = await issueToken(secret, claims, nowMs, ttlSeconds);
      remember(issued.token, { secret, claims: Object.assign({}, claims, { exp: Math.floor(nowMs / 1000) + ttlSeconds }) });
      return issued;
    },
    async verify(secret, token, nowMs) {
      const hit = known.get(token);
      if (hit?.secret === secret && hit.claims.exp * 1000 > nowMs) {
        remember(token, hit);
        return { ...hit.claims };
      }
      const claims = await verifyToken(secret, token, nowMs);
      remember(token, { secret, claims });
      return { ...claims };
    },
  };
}
