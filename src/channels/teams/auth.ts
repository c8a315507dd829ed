/**
 * Inbound Bot Framework authentication with botframework-connector's own validators.
 * Only channel tokens are accepted (issuer api.botframework.com): Teams never sends emulator or skill tokens,
 * and refusing those paths keeps a forged token from reaching validators that fetch other key sets.
 */
import type { ClaimsIdentity } from 'botframework-connector';
import { botFramework } from './bot-framework.js';

/** Who we are (the token's audience) and where the signing keys are published. */
export interface TeamsAuthOptions {
  appId: string;
  /** OpenID configuration URL whose `jwks_uri` lists the signing keys (tests run a local one). */
  openIdMetadataUrl: string;
}

/** Why a request was refused; `unavailable` means the keys could not be fetched, not that the caller lied. */
export type TeamsAuthFailure = { ok: false; reason: 'unauthorized' | 'unavailable'; message: string };

/** The validated claims, or why the request was refused. */
export type TeamsAuthResult = { ok: true; identity: ClaimsIdentity } | TeamsAuthFailure;

/**
 * Checks the `Authorization` header of an incoming activity: signature against the published keys, issuer,
 * expiry, audience = our app id, the key's endorsement of the activity's channel, and the `serviceurl` claim.
 */
export async function verifyTeamsToken(
  authHeader: string | undefined,
  activity: { channelId?: unknown; serviceUrl?: unknown },
  options: TeamsAuthOptions,
): Promise<TeamsAuthResult> {
  if (!authHeader || !/^Bearer \S+$/.test(authHeader)) {
    return { ok: false, reason: 'unauthorized', message: 'missing or malformed Authorization header (expected "Bearer <token>")' };
  }
  const channelId = typeof activity.channelId === 'string' ? activity.channelId : '';
  const serviceUrl = typeof activity.serviceUrl === 'string' ? activity.serviceUrl : '';
  const { ChannelValidation, SimpleCredentialProvider } = await botFramework();
  // The library reads the metadata URL from this static when it builds its extractor, synchronously inside
  // the call below, so setting it just before the call is safe even with concurrent requests.
  ChannelValidation.OpenIdMetadataEndpoint = options.openIdMetadataUrl;
  try {
    const identity = await ChannelValidation.authenticateChannelTokenWithServiceUrl(
      authHeader,
      new SimpleCredentialProvider(options.appId, ''),
      serviceUrl,
      channelId,
    );
    return { ok: true, identity };
  } catch (error) {
    const { statusCode, name } = error as { statusCode?: number; name?: string };
    if ((statusCode !== undefined && statusCode >= 500) || name === 'FetchError') {
      return { ok: false, reason: 'unavailable', message: 'could not load the Bot Framework signing keys; retry later' };
    }
    return { ok: false, reason: 'unauthorized', message: `token rejected: ${(error as Error).message}` };
  }
}
