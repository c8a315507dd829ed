/**
 * `npm run report -- --from 2026-11-01 --to 2026-12-01`: the analytics report of the SQLite database in
 * DATA_DIR, as readable tables (or `--json`). `--sample N` first runs N scripted conversations through the
 * real engine into a temporary database and reports on those (`--seed S`, default 421, picks another run).
 * Other options: `--data-dir DIR`, `--idle-hours H` (default ABANDON_AFTER_HOURS).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatReportText } from '../src/analytics/format-text.js';
import { parsePeriod, PeriodError } from '../src/analytics/period.js';
import { reportFromStore } from '../src/analytics/report.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { openSqliteStore, sqliteFileIn } from '../src/store/sqlite.js';
import { runSampleConversations } from './report-sample.js';

const USAGE = 'usage: npm run report -- [--from DATE] [--to DATE] [--data-dir DIR] [--idle-hours H] [--json] [--sample N [--seed S]]';

function positiveNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new PeriodError(`--${name}: "${value}" is not a positive number`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' }, to: { type: 'string' }, 'data-dir': { type: 'string' }, 'idle-hours': { type: 'string' },
      json: { type: 'boolean' }, sample: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const config = loadConfig(process.env);
  const idleHours = positiveNumber('idle-hours', values['idle-hours'], config.ABANDON_AFTER_HOURS);
  const sample = values.sample === undefined ? undefined : Math.floor(positiveNumber('sample', values.sample, 0));
  const period = parsePeriod({ from: values.from, to: values.to }, Date.now());
  const scratch = sample === undefined ? undefined : mkdtempSync(join(tmpdir(), 'softbounce-sample-'));
  const store = openSqliteStore(sqliteFileIn(scratch ?? values['data-dir'] ?? config.DATA_DIR));
  try {
    if (sample !== undefined) {
      const days = (period.to - period.from) / 86_400_000;
      const seed = Math.floor(positiveNumber('seed', values.seed, 421));
      const turns = await runSampleConversations(store, config, { count: sample, to: period.to, days, seed });
      console.error(`ran ${sample} scripted conversations (${turns} turns) into a temporary database`);
    }
    const report = await reportFromStore(store, { ...period, idleHours });
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReportText(report));
  } finally {
    await store.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  const known = error instanceof PeriodError || error instanceof ConfigError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
  console.error(known ? `${(error as Error).message}\n${USAGE}` : error);
  process.exit(2);
});
