import { describe, expect, it } from 'vitest';
import { verifySlackSignature } from '../../../src/channels/slack/verify.js';
import { SIGNING_SECRET, slackHeaders } from './slack-fakes.js';

const NOW_SECONDS = 1764494441;
const body = '{"type":"event_callback","event":{"type":"app_mention","text":"héllo <@U07SOFTBOT>"}}';
const bytes = new TextEncoder().encode(body);

async function check(headers: Record<string, string>, raw = bytes, nowSeconds = NOW_SECONDS) {
  return verifySlackSignature(SIGNING_SECRET, headers['x-slack-request-timestamp'], headers['x-slack-signature'], raw, nowSeconds * 1000);
}

describe('verifySlackSignature', () => {
  it('accepts a request signed with the secret over timestamp and raw body', async () => {
    expect(await check(slackHeaders(body, NOW_SECONDS))).toEqual({ ok: true });
  });

  it('accepts up to 300 seconds of skew either way and refuses beyond (replays)', async () => {
    expect((await check(slackHeaders(body, NOW_SECONDS - 300))).ok).toBe(true);
    expect((await check(slackHeaders(body, NOW_SECONDS + 300))).ok).toBe(true);
    expect(await check(slackHeaders(body, NOW_SECONDS - 301))).toMatchObject({ ok: false, message: expect.stringMatching(/300 seconds/) });
    expect(await check(slackHeaders(body, NOW_SECONDS + 301))).toMatchObject({ ok: false });
  });

  it('refuses a body altered after signing', async () => {
    const altered = new TextEncoder().encode(body.replace('héllo', 'hello'));
    expect(await check(slackHeaders(body, NOW_SECONDS), altered)).toMatchObject({ ok: false, message: expect.stringMatching(/does not match/) });
  });

  it('refuses a signature made with another secret', async () => {
    expect((await check(slackHeaders(body, NOW_SECONDS, 'another-secret'))).ok).toBe(false);
  });

  it('refuses a valid signature moved to another timestamp', async () => {
    const headers = { ...slackHeaders(body, NOW_SECONDS), 'x-slack-request-timestamp': String(NOW_SECONDS + 1) };
    expect((await check(headers)).ok).toBe(false);
  });

  it('refuses missing and malformed headers with a message saying which', async () => {
    const good = slackHeaders(body, NOW_SECONDS);
    expect(await check({})).toMatchObject({ ok: false, message: expect.stringMatching(/missing/) });
    expect(await check({ ...good, 'x-slack-request-timestamp': 'yesterday' })).toMatchObject({ ok: false, message: expect.stringMatching(/Unix seconds/) });
    expect(await check({ ...good, 'x-slack-signature': 'v1=abc' })).toMatchObject({ ok: false, message: expect.stringMatching(/v0=/) });
    expect(await check({ ...good, 'x-slack-signature': good['x-slack-signature']!.toUpperCase().replace('V0=', 'v0=') })).toMatchObject({ ok: false });
  });
});
