/** `npm run report` as a real child process, over a real SQLite database and over its own sample run. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnalyticsReport } from '../../src/analytics/types.js';
import { openSqliteStore, sqliteFileIn } from '../../src/store/sqlite.js';
import { DAY, scripted } from './scripted.js';

const root = join(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'softbounce-report-test-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function report(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'report.ts'), ...args], {
      cwd: root, env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('npm run report', () => {
  it('reads the SQLite database in DATA_DIR and prints readable tables', async () => {
    const from = Date.UTC(2026, 10, 1);
    const s = scripted(from + DAY, openSqliteStore(sqliteFileIn(dataDir)));
    await s.customer('a').says('Delivery failed: 550 5.1.1 user unknown');
    await s.customer('b', 'slack').says('421 4.7.0 try again later');
    await s.store.close();

    const run = await report(['--from', '2026-11-01', '--to', '2026-11-08'], { DATA_DIR: dataDir });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Conversations started: 2 (directline 1, slack 1)');
    expect(run.stdout).toMatch(/Routed to a guide\s+1\s+50\.0%/);
    expect(run.stdout).toMatch(/1\. Confirm the error\s+2/);
  });

  it('runs scripted conversations into a temporary database with --sample and reports them', async () => {
    const run = await report(['--sample', '40', '--json', '--from', '2026-11-01', '--to', '2026-11-08']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/ran 40 scripted conversations \(\d+ turns\)/);
    const parsed = JSON.parse(run.stdout) as AnalyticsReport;
    // The sample has customers who ask something else ("can you reset my wordpress password") and never start.
    expect(parsed.unrelated).toBeGreaterThan(0);
    expect(parsed.started + parsed.unrelated).toBe(40);
    const { resolved, routed, escalated, abandoned, open } = parsed.outcomes;
    expect(resolved.count + routed.count + escalated.count + abandoned.count + open.count).toBe(parsed.started);
    expect(parsed.matcher.messages).toBeGreaterThan(40);
  });

  it('explains a bad option and exits with 2', async () => {
    const run = await report(['--from', 'last week']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('from: "last week" is not a date');
    expect(run.stderr).toContain('usage: npm run report');
  });
});
