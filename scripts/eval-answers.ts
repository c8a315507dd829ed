/**
 * `npm run eval:answers`: how well typed answers are read at each check. Plays every line of
 * `test/nlu/answers.jsonl` (step, text, expected; written from the phrasing of public threads) through the real
 * engine and prints per-step accuracy, on the lines the cue lists were tuned on and on the held-out third apart,
 * then on the blind set `test/nlu/answers-blind.jsonl` (written later, without seeing the readers or the tuning
 * lines). `--misses` lists what was read wrong; `--set FILE` scores only that file. Exits 1 when a step is under the
 * target on the held-out or blind lines.
 */
import { existsSync } from 'node:fs';
import { loadConfig } from '../src/config.js';
import { createTurnDeps } from '../src/runtime/engine.js';
import { BLIND_SET, isHeldOut, readAnswerCases, scoreCases, TARGET, type StepScore } from './answer-cases.js';

function print(title: string, scores: StepScore[], showMisses: boolean): boolean {
  console.log(`\n${title}`);
  let met = true;
  for (const s of scores) {
    const accuracy = s.total === 0 ? 1 : s.right / s.total;
    met &&= accuracy >= TARGET;
    console.log(`  ${s.step.padEnd(16)} ${accuracy.toFixed(3)}  (${s.right}/${s.total})`);
    if (showMisses) for (const m of s.misses) console.log(`      miss: expected ${m.expected}, got ${m.got}: ${m.text}`);
  }
  const right = scores.reduce((n, s) => n + s.right, 0);
  const total = scores.reduce((n, s) => n + s.total, 0);
  console.log(`  ${'all steps'.padEnd(16)} ${(right / Math.max(1, total)).toFixed(3)}  (${right}/${total})`);
  return met;
}

const deps = createTurnDeps(loadConfig({}), () => Date.parse('2026-12-01T10:00:00Z'));
const misses = process.argv.includes('--misses');
const setAt = process.argv.indexOf('--set');
if (setAt >= 0) {
  const file = process.argv[setAt + 1];
  if (!file) throw new Error('--set needs the path of a JSON Lines file of {"step", "text", "expected"} lines');
  if (!print(`${file}:`, scoreCases(deps, readAnswerCases(file)), misses)) process.exitCode = 1;
} else {
  const cases = readAnswerCases();
  print('Tuned on (two thirds of test/nlu/answers.jsonl):', scoreCases(deps, cases.filter((c) => !isHeldOut(c.text))), misses);
  let met = print(`Held out (the other third; target ${TARGET} per step):`, scoreCases(deps, cases.filter((c) => isHeldOut(c.text))), misses);
  if (existsSync(BLIND_SET)) met = print(`Blind (test/nlu/answers-blind.jsonl; target ${TARGET} per step):`, scoreCases(deps, readAnswerCases(BLIND_SET)), misses) && met;
  if (!met) process.exitCode = 1;
}
