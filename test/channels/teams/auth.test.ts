import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationConstants } from 'botframework-connector';
import { verifyTeamsToken } from '../../../src/channels/teams/auth.js';
import { DEFAULT_OPENID_METADATA, teamsSettings } from '../../../src/channels/teams/settings.js';
import { loadConfig } from '../../../src/config.js';
import { APP_ID, startKeyServer, type KeyServer } from './bot-framework-servers.js';

const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const activity = { channelId: 'msteams', serviceUrl: SERVICE_URL };

describe('verifyTeamsToken', () => {
  let keys: KeyServer;
  let options: { appId: string; openIdMetadataUrl: string };
  beforeAll(async () => {
    keys = await startKeyServer();
    options = { appId: APP_ID, openIdMetadataUrl: keys.metadataUrl };
  });
  afterAll(() => keys.close());

  it('accepts a channel token for our app, signed with a published key endorsed for msteams', async () => {
    const result = await verifyTeamsToken(await keys.token({ serviceurl: SERVICE_URL }), activity, options);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.identity.getClaimValue('aud')).toBe(APP_ID);
  });

  it('refuses a missing or malformed Authorization header', async () => {
    for (const header of [undefined, '', 'Bearer', 'Basic abc', 'Bearer a b']) {
      const result = await verifyTeamsToken(header, activity, options);
      expect(result).toMatchObject({ ok: false, reason: 'unauthorized' });
    }
  });

  it.each([
    ['a token signed with an unpublished key (forged)', async () => keys.token({ serviceurl: SERVICE_URL, key: await keys.otherKey() }), /signature/],
    ['an expired token', () => keys.token({ serviceurl: SERVICE_URL, expiresIn: -3600 }), /expired/],
    ['a token for another bot', () => keys.token({ serviceurl: SERVICE_URL, aud: 'another-app-id' }), /Invalid AppId/],
    ['a token from another issuer', () => keys.token({ serviceurl: SERVICE_URL, iss: 'https://sts.windows.net/attacker/' }), /not authenticated/i],
    ['a token whose serviceurl differs from the activity', () => keys.token({ serviceurl: 'https://evil.example/' }), /ServiceUrl claim/],
    ['a token without serviceurl', () => keys.token({}), /ServiceUrl claim/],
    ['a token signed with a key not endorsed for msteams', () => keys.token({ serviceurl: SERVICE_URL, kid: 'webchat-key' }), /endorsement/],
    ['a token naming an unknown key id', () => keys.token({ serviceurl: SERVICE_URL, kid: 'no-such-key' }), /Signing Key could not be retrieved/],
  ])('refuses %s', async (_name, makeToken, why) => {
    const result = await verifyTeamsToken(await makeToken(), activity, options);
    expect(result).toMatchObject({ ok: false, reason: 'unauthorized', message: expect.stringMatching(why) });
  });

  it('refuses a valid token replayed with an activity claiming another serviceUrl', async () => {
    const token = await keys.token({ serviceurl: SERVICE_URL });
    const result = await verifyTeamsToken(token, { channelId: 'msteams', serviceUrl: 'https://evil.example/' }, options);
    expect(result).toMatchObject({ ok: false, reason: 'unauthorized', message: expect.stringMatching(/ServiceUrl claim/) });
  });

  it('reports the key server being unreachable as unavailable, not as a bad caller', async () => {
    const token = await keys.token({ serviceurl: SERVICE_URL });
    const result = await verifyTeamsToken(token, activity, { appId: APP_ID, openIdMetadataUrl: 'http://127.0.0.1:1/v1/.well-known/openidconfiguration' });
    expect(result).toMatchObject({ ok: false, reason: 'unavailable' });
  });
});

describe('the default signing keys', () => {
  it("are the library's channel keys, which settings name without loading the library", () => {
    expect(DEFAULT_OPENID_METADATA).toBe(AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl);
    expect(teamsSettings(loadConfig({ MICROSOFT_APP_ID: 'id', MICROSOFT_APP_PASSWORD: 'pw' }))).toMatchObject({ openIdMetadataUrl: DEFAULT_OPENID_METADATA });
  });
});
