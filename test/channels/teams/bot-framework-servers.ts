/**
 * Local stand-ins for the two Bot Framework services the Teams channel talks to, both on 127.0.0.1:
 * an OpenID/JWKS server that also signs test tokens, and a connector service that records what the bot sends.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

export const APP_ID = '7c1e5d4a-0000-4000-8000-00000000b07a';
export const BOT_ISSUER = 'https://api.botframework.com';

async function listen(handler: (req: IncomingMessage, body: string, res: ServerResponse) => void): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => handler(req, body, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

export interface TokenClaims {
  iss?: string;
  aud?: string;
  serviceurl?: string;
  /** Seconds from now; negative for a token that has already expired. */
  expiresIn?: number;
  kid?: string;
  /** Sign with this key instead of the published one (a forgery). */
  key?: CryptoKey;
}

export interface KeyServer {
  metadataUrl: string;
  /** A `Bearer …` header value signed like Bot Framework signs channel tokens. */
  token(claims: TokenClaims): Promise<string>;
  otherKey(): Promise<CryptoKey>;
  close(): Promise<void>;
}

/** Publishes one RSA key (kid `test-key`) endorsed for `endorsements`, and a second for a non-Teams channel. */
export async function startKeyServer(endorsements: string[] = ['msteams']): Promise<KeyServer> {
  const signing = await generateKeyPair('RS256', { extractable: true });
  const webchatOnly = await generateKeyPair('RS256', { extractable: true });
  const publish = async (key: CryptoKey, kid: string, endorsed: string[]): Promise<JWK> => ({
    ...(await exportJWK(key)),
    kid,
    use: 'sig',
    endorsements: endorsed,
  } as JWK);
  const keys = [await publish(signing.publicKey, 'test-key', endorsements), await publish(webchatOnly.publicKey, 'webchat-key', ['webchat'])];
  const privateKeys: Record<string, CryptoKey> = { 'test-key': signing.privateKey, 'webchat-key': webchatOnly.privateKey };
  const { server, base } = await listen((req, _body, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') {
      res.end(JSON.stringify({ issuer: BOT_ISSUER, jwks_uri: `${base}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (req.url === '/v1/.well-known/keys') {
      res.end(JSON.stringify({ keys }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  return {
    metadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    async token(claims) {
      const kid = claims.kid ?? 'test-key';
      const now = Math.floor(Date.now() / 1000);
      const jwt = await new SignJWT({ serviceurl: claims.serviceurl })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuer(claims.iss ?? BOT_ISSUER)
        .setAudience(claims.aud ?? APP_ID)
        .setNotBefore(now - 60)
        .setIssuedAt(now - 60)
        .setExpirationTime(now + (claims.expiresIn ?? 3600))
        .sign(claims.key ?? privateKeys[kid] ?? signing.privateKey);
      return `Bearer ${jwt}`;
    },
    otherKey: async () => (await generateKeyPair('RS256')).privateKey,
    close: () => close(server),
  };
}

export interface ConnectorCall {
  method: string;
  /** Decoded path, e.g. `/v3/conversations/a:1/activities/42`. */
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

export interface FakeConnector {
  /** The `serviceUrl` to put in activities. */
  serviceUrl: string;
  calls: ConnectorCall[];
  /** Resolves once at least `count` calls have arrived. */
  waitForCalls(count: number): Promise<ConnectorCall[]>;
  close(): Promise<void>;
}

/** Records every Bot Connector call and answers each with a fresh activity id. */
export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const waiters: { count: number; resolve: (calls: ConnectorCall[]) => void }[] = [];
  const { server, base } = await listen((req, body, res) => {
    calls.push({
      method: req.method ?? '',
      path: decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname),
      authorization: req.headers.authorization,
      body: body ? (JSON.parse(body) as Record<string, unknown>) : {},
    });
    res.setHeader('content-type', 'application/json');
    const path = calls.at(-1)!.path;
    // createConversation in a channel starts a thread: its id is the channel's with the new post's id.
    const channel = (calls.at(-1)!.body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
    const answer = req.method === 'POST' && path.endsWith('/v3/conversations') && channel
      ? { id: `${channel};messageid=post-${calls.length}`, activityId: `post-${calls.length}` }
      : { id: `bot-activity-${calls.length}` };
    res.end(JSON.stringify(answer));
    for (const waiter of waiters.filter((w) => calls.length >= w.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(calls.slice());
    }
  });
  return {
    serviceUrl: `${base}/teams/`,
    calls,
    waitForCalls: (count) =>
      calls.length >= count ? Promise.resolve(calls.slice()) : new Promise((resolve) => waiters.push({ count, resolve })),
    close: () => close(server),
  };
}
