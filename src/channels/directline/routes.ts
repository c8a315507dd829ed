/**
 * Direct Line 3.0, the protocol the official Web Chat speaks, mounted at `/v3/directline`:
 * verify (secret or token) -> parse -> turn -> persist -> answer. Clients poll `/activities` with a watermark,
 * or open the WebSocket stream at `streamUrl`, which the runtime holds (see `AppDeps.directLineStream`).
 */
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import * as z from 'zod';
import type { AppDeps } from '../../http/deps.js';
import { forbidden, HttpError } from '../../http/errors.js';
import { parseClientActivity } from './activity.js';
import { parseJsonText, validateBody } from '../../http/body.js';
import { limitBody } from '../../http/body-limit.js';
import { assertConversation, identifyCaller, requireSecret, type Caller } from './auth.js';
import { createLogWriter, type LogWriter } from './log-writer.js';
import { conversationParam, readWatermark } from './params.js';
import { createRateLimiter } from './rate-limit.js';
import { assertLogReaches, verifyStreamRequest } from './stream-request.js';
import { streamUrlOf } from './stream-url.js';
import { createTokens, type TokenClaims, type Tokens } from './tokens.js';

/** Largest request body accepted on Direct Line routes. */
export const MAX_BODY_BYTES = 64 * 1024;

const startOptions = z
  .object({
    user: z.object({ id: z.string().min(1).max(256).optional(), name: z.string().max(256).optional() }).optional(),
    locale: z.string().max(64).optional(),
  })
  .optional();

/** Reads an optional JSON body (`/tokens/generate`, `/conversations`); empty is fine, malformed is a 400. */
async function readStartOptions(c: Context): Promise<z.infer<typeof startOptions>> {
  const text = (await c.req.text()).trim();
  if (!text) return undefined;
  return validateBody(parseJsonText(text), startOptions);
}

function corsOrigin(setting: string): (origin: string) => string | null {
  const allowed = setting.split(',').map((o) => o.trim().replace(/\/$/, '')).filter(Boolean);
  if (allowed.includes('*')) return () => '*';
  return (origin) => (allowed.includes(origin) ? origin : null);
}

/** The Direct Line routes; mount at `/v3/directline`. */
export function directLineRoutes(deps: AppDeps, writer: LogWriter = createLogWriter(deps), tokens: Tokens = createTokens()): Hono {
  const { config } = deps;
  const routes = new Hono();
  const limiter = createRateLimiter(config.RATE_LIMIT_PER_MINUTE);
  const ttl = config.DIRECT_LINE_TOKEN_TTL_SECONDS;

  const corsHeaders = cors({
    origin: corsOrigin(config.CORS_ORIGINS),
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    // Web Chat's requests (rxjs ajax) also carry x-requested-with: without it every call from another origin fails.
    allowHeaders: ['authorization', 'content-type', 'x-ms-bot-agent', 'x-requested-with'],
    exposeHeaders: ['retry-after'],
    maxAge: 600,
  });
  // Only a browser's request carries Origin; the others (a site's server trading its secret) need no CORS headers.
  routes.use('*', (c, next) => (c.req.header('origin') === undefined ? next() : corsHeaders(c, next)));
  routes.use('*', limitBody(MAX_BODY_BYTES));

  const caller = async (c: Context): Promise<{ secret: string; who: Caller }> => {
    const secret = requireSecret(config.DIRECT_LINE_SECRET);
    return { secret, who: await identifyCaller(c.req.header('authorization'), secret, deps.now(), tokens.verify) };
  };
  const userOf = (claims: Pick<TokenClaims, 'userId' | 'userName'>) => ({
    ...(claims.userId ? { userId: claims.userId } : {}),
    ...(claims.userName ? { userName: claims.userName } : {}),
  });

  routes.post('/tokens/generate', async (c) => {
    const { secret, who } = await caller(c);
    if (who.kind !== 'secret') {
      throw forbidden('only the secret generates tokens: call this from your server with "Authorization: Bearer <DIRECT_LINE_SECRET>"');
    }
    const options = await readStartOptions(c);
    const claims = { conversationId: crypto.randomUUID(), ...userOf({ userId: options?.user?.id, userName: options?.user?.name }) };
    return c.json(await tokens.issue(secret, claims, deps.now(), ttl));
  });

  routes.post('/tokens/refresh', async (c) => {
    const { secret, who } = await caller(c);
    if (who.kind !== 'token') throw forbidden('refresh takes a token, not the secret');
    return c.json(await tokens.issue(secret, { conversationId: who.conversationId, ...userOf(who) }, deps.now(), ttl));
  });

  routes.post('/conversations', async (c) => {
    const { secret, who } = await caller(c);
    const options = await readStartOptions(c);
    const claims =
      who.kind === 'token'
        ? { conversationId: who.conversationId, ...userOf(who) }
        : { conversationId: crypto.randomUUID(), ...userOf({ userId: options?.user?.id, userName: options?.user?.name }) };
    const issued = await tokens.issue(secret, claims, deps.now(), ttl);
    const isNew = await deps.store.claimOnce(`directline:start:${claims.conversationId}`, deps.now());
    if (isNew) {
      const user = { id: claims.userId ?? options?.user?.id ?? 'user', ...(claims.userName ? { name: claims.userName } : {}) };
      deps.background(
        writer.start(claims.conversationId, user).catch((error: unknown) => {
          deps.log.error('directline greeting failed', { conversationId: claims.conversationId, error: String(error) });
        }),
      );
    }
    return c.json(Object.assign(issued, { streamUrl: streamUrlOf(c.req.url, claims.conversationId, issued.token) }), isNew ? 201 : 200);
  });

  routes.get('/conversations/:id', async (c) => {
    const { secret, who } = await caller(c);
    const id = conversationParam(c);
    assertConversation(who, id);
    const after = readWatermark(c.req.query('watermark'));
    await assertLogReaches(deps, id, after);
    // Web Chat replaces its token with the one answered here, so a token caller gets its own token back.
    const issued =
      who.kind === 'token'
        ? { conversationId: id, token: who.token, expires_in: Math.max(0, who.exp - Math.floor(deps.now() / 1000)) }
        : await tokens.issue(secret, { conversationId: id }, deps.now(), ttl);
    return c.json(Object.assign(issued, { streamUrl: streamUrlOf(c.req.url, id, issued.token, after) }));
  });

  routes.post('/conversations/:id/activities', async (c) => {
    const { who } = await caller(c);
    const id = conversationParam(c);
    assertConversation(who, id);
    limiter.hit(id, deps.now());
    const activity = parseClientActivity(await c.req.text());
    const bound = who.kind === 'token' ? who.userId : undefined;
    const name = (who.kind === 'token' ? who.userName : undefined) ?? activity.from?.name;
    const user = { id: bound ?? activity.from?.id ?? 'user', ...(name ? { name } : {}) };
    return c.json({ id: await writer.post(id, user, activity) });
  });

  routes.get('/conversations/:id/stream', async (c) => {
    const open = deps.directLineStream;
    // An app built without a stream (in-process tests, tools) says how to connect instead of failing the upgrade.
    if (!open) throw new HttpError(400, 'NotSupported', 'this server has no WebSocket stream: create the client with webSocket: false and poll /activities');
    return open(c, await verifyStreamRequest(c, deps, tokens.verify));
  });

  routes.get('/conversations/:id/activities', async (c) => {
    const { who } = await caller(c);
    const id = conversationParam(c);
    assertConversation(who, id);
    const after = readWatermark(c.req.query('watermark'));
    const { activities, watermark } = await deps.store.getActivities(id, after);
    if (after > watermark) {
      throw new HttpError(400, 'BadArgument', `watermark ${after} is ahead of this conversation, which has ${watermark} activities`);
    }
    return c.json({ activities, watermark: String(watermark) });
  });

  return routes;
}
