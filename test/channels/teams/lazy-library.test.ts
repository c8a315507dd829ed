/** botframework-connector is loaded by the first Teams request, and never by a bot without Teams. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;

async function probe(env: Record<string, string>): Promise<{ atStart: boolean; status: number; afterRequest: boolean }> {
  const { stdout } = await promisify(execFile)(join(ROOT, 'node_modules/.bin/tsx'), ['test/channels/teams/library-probe.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as { atStart: boolean; status: number; afterRequest: boolean };
}

describe('loading botframework-connector', () => {
  it('never happens when Teams is not configured: the route answers 503 without it', async () => {
    expect(await probe({})).toEqual({ atStart: false, status: 503, afterRequest: false });
  }, 30_000);

  it('waits for the first Teams request when Teams is configured, which then checks the token with it', async () => {
    expect(await probe({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'secret' })).toEqual({ atStart: false, status: 401, afterRequest: true });
  }, 30_000);
});
