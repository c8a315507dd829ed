/**
 * `npm run eval:bounces`: runs the bounce explainer over the shared corpus and prints per-field agreement,
 * the weak MTA families and (with --misses) every disagreement. Exits 1 when a target is missed.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseBounce } from '../src/bounce/index.js';
import { scoreBounces, TARGETS, type ExpectedLine, type ScoreReport } from '../src/bounce/score.js';
import type { BounceReport } from '../src/bounce/types.js';

/** The corpus folder: `../shared/corpora/bounces` relative to the repository root. */
export const CORPUS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'corpora', 'bounces');

/** Reads expected.jsonl and explains every email it names. */
export function evaluateCorpus(dir: string = CORPUS_DIR): ScoreReport {
  const lines = readFileSync(join(dir, 'expected.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as ExpectedLine);
  const results = new Map<string, BounceReport>();
  for (const file of new Set(lines.map((l) => l.file))) {
    results.set(file, parseBounce(readFileSync(join(dir, file), 'utf8')));
  }
  return scoreBounces(lines, results);
}

function percent(rate: number): string {
  return (rate * 100).toFixed(1) + '%';
}

function main(): void {
  // Piping into `head` closes stdout early; that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  const report = evaluateCorpus();
  let failed = false;
  console.log('field            agree    hits/total  target');
  for (const [field, s] of Object.entries(report.fields)) {
    const target = TARGETS[field as keyof typeof TARGETS];
    const mark = target === undefined ? '' : s.rate >= target ? `>= ${percent(target)} ok` : `< ${percent(target)} MISSED`;
    if (target !== undefined && s.rate < target) failed = true;
    console.log(`${field.padEnd(16)} ${percent(s.rate).padStart(6)}  ${`${s.hits}/${s.total}`.padStart(9)}  ${mark}`);
  }
  const weak = Object.entries(report.families)
    .filter(([, f]) => f.missed > 0)
    .sort((a, b) => b[1].missed / b[1].lines - a[1].missed / a[1].lines || b[1].lines - a[1].lines);
  console.log('\nweak families (lines with a miss on a target field / lines):');
  for (const [family, f] of weak) {
    const fields = new Map<string, number>();
    for (const m of report.misses) if (m.mta === family && TARGETS[m.field]) fields.set(m.field, (fields.get(m.field) ?? 0) + 1);
    const detail = [...fields].map(([field, n]) => `${field} ${n}`).join(', ');
    console.log(`  ${family}: ${f.missed} / ${f.lines} (${detail})`);
  }
  if (process.argv.includes('--misses')) {
    console.log('\nmisses:');
    for (const m of report.misses) console.log(`  ${m.file} ${m.field}: expected ${JSON.stringify(m.expected)} got ${JSON.stringify(m.got)}`);
  }
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
