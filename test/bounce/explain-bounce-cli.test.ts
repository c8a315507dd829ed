import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POSTFIX_DEFERRED } from './samples.js';

const root = join(import.meta.dirname, '..', '..');

function explain(input: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'explain-bounce.ts')], {
    cwd: root,
    input,
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('explain-bounce CLI', () => {
  it('prints the recipients of a log line on stdin as JSON', () => {
    const run = explain(POSTFIX_DEFERRED + '\n');
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      recipients: [
        {
          address: 'jane@gmail.com',
          replyCode: '421',
          enhancedStatus: '4.7.0',
          temporary: true,
          remoteHost: 'gmail-smtp-in.l.google.com',
          reason: 'badreputation',
          variation: 'policy',
        },
      ],
    });
  });

  it('prints an empty list for input that is not a bounce', () => {
    const run = explain('');
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ recipients: [] });
  });
});
