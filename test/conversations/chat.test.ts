import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;

function chat(lines: string[], args: string[] = []): { stdout: string; stderr: string; status: number | null } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/chat.ts', ...args], {
    cwd: ROOT,
    input: `${lines.join('\n')}\n`,
    encoding: 'utf8',
    env: { ...process.env, LIVE_CHECKS: 'false' },
    timeout: 60_000,
  });
  return { stdout: run.stdout, stderr: run.stderr, status: run.status };
}

describe('npm run chat', () => {
  it('talks through the flow in the terminal; numbers pick choices', () => {
    const { stdout, status } = chat(['my mail is deferred', '3', '2', '/followup', '1', '/quit'], ['--flow', 'smtp-421']);
    expect(status).toBe(0);
    expect(stdout).toContain('flow file flows/smtp-421.yaml');
    expect(stdout).toContain('     3. 421 Greylisting enabled');
    expect(stdout).toContain('policy or greylisting deferral');
    expect(stdout).toContain('[smtp_421 step 2/6 retry_check · waiting_followup]');
    expect(stdout).toContain('Did the message go through');
    expect(stdout).toContain('[smtp_421 step 2/6 retry_check · resolved]');
  });

  it('names the problem when --flow points at a missing file', () => {
    const { stderr, status } = chat(['/quit'], ['--flow', 'no-such-flow']);
    expect(status).toBe(1);
    expect(stderr).toContain('no-such-flow.yaml');
  });
});
