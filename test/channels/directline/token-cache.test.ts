import { describe, expect, it } from 'vitest';
import { createTokens, issueToken, verifyToken } from '../../../src/channels/directline/tokens.js';

const SECRET = 'cache-secret-0123456789-abcdefghij';
const T0 = Date.parse('2026-11-30T09:00:00Z');

describe('known tokens', () => {
  it('answers a repeat with the same claims, and copies the caller cannot change', async () => {
    const { verify } = createTokens();
    const { token } = await issueToken(SECRET, { conversationId: 'c1', userId: 'u1' }, T0, 600);
    const first = await verify(SECRET, token, T0);
    expect(first).toEqual({ conversationId: 'c1', userId: 'u1', exp: T0 / 1000 + 600 });
    first.conversationId = 'changed';
    expect(await verify(SECRET, token, T0 + 1000)).toEqual({ conversationId: 'c1', userId: 'u1', exp: T0 / 1000 + 600 });
  });

  it('still refuses a cached token once it has expired', async () => {
    const { verify } = createTokens();
    const { token } = await issueToken(SECRET, { conversationId: 'c1' }, T0, 30);
    await verify(SECRET, token, T0);
    await expect(verify(SECRET, token, T0 + 29_000)).resolves.toMatchObject({ conversationId: 'c1' });
    await expect(verify(SECRET, token, T0 + 30_000)).rejects.toMatchObject({ status: 403, code: 'TokenExpired' });
  });

  it('does not let a token verified under one secret pass under another', async () => {
    const { verify } = createTokens();
    const { token } = await issueToken(SECRET, { conversationId: 'c1' }, T0, 600);
    await verify(SECRET, token, T0);
    await expect(verify(`${SECRET}-rotated`, token, T0)).rejects.toMatchObject({ status: 403, code: 'TokenInvalid' });
  });

  it('never keeps a token that failed, and verifies tokens it evicted again', async () => {
    const { verify } = createTokens(2);
    await expect(verify(SECRET, 'not.a.jwt', T0)).rejects.toMatchObject({ code: 'TokenInvalid' });
    await expect(verify(SECRET, 'not.a.jwt', T0)).rejects.toMatchObject({ code: 'TokenInvalid' });
    const tokens = await Promise.all(['a', 'b', 'c'].map(async (c) => (await issueToken(SECRET, { conversationId: c }, T0, 600)).token));
    for (const token of tokens) await verify(SECRET, token, T0);
    // Evicted or not, every token still verifies to its own conversation.
    for (const [i, token] of tokens.entries()) expect((await verify(SECRET, token, T0)).conversationId).toBe(['a', 'b', 'c'][i]);
  });

  it('knows a token it issued: the claims are those the signature check gives, for a user-bound token too', async () => {
    const tokens = createTokens();
    for (const claims of [{ conversationId: 'c1' }, { conversationId: 'c2', userId: 'u2', userName: 'Ana' }]) {
      const { token } = await tokens.issue(SECRET, claims, T0, 600);
      expect(await tokens.verify(SECRET, token, T0 + 1000)).toEqual(await verifyToken(SECRET, token, T0 + 1000));
    }
  });

  it('refuses a token it issued once it has expired, or under another secret', async () => {
    const tokens = createTokens();
    const { token } = await tokens.issue(SECRET, { conversationId: 'c1' }, T0, 30);
    await expect(tokens.verify(`${SECRET}-rotated`, token, T0)).rejects.toMatchObject({ status: 403, code: 'TokenInvalid' });
    await expect(tokens.verify(SECRET, token, T0 + 29_000)).resolves.toMatchObject({ conversationId: 'c1' });
    await expect(tokens.verify(SECRET, token, T0 + 30_000)).rejects.toMatchObject({ status: 403, code: 'TokenExpired' });
  });
});
