/**
 * `npm run flows:check`: validates every flow in flows/ (and the intent files the matcher is trained from) and
 * explains each problem in plain words: where it is, what is wrong, and how to fix it.
 */
import { describeProblem, validateFlows } from '../src/flows/load.js';
import { mainSteps } from '../src/core/state.js';
import { validateIntents } from '../src/nlu/validate.js';
import { readIntentFiles } from './build-model.js';
import { readFlowDir, readFlowFile } from './read-flows.js';

/** Checks flows (all of flows/, or the files given) and intents; returns the report lines and whether all passed. */
export function checkAll(paths: string[] = []): { ok: boolean; lines: string[] } {
  const lines: string[] = [];
  let ok = true;
  const files = paths.length > 0 ? paths.map(readFlowFile) : readFlowDir();
  lines.push(`Checking ${files.length} flow file(s)...`);
  for (const file of files) {
    if (file.error) {
      ok = false;
      lines.push(`  ${file.file}: ${file.error}. Fix: correct the YAML (indentation, quotes, colons) and run this again.`);
      continue;
    }
    const { flows, problems } = validateFlows([file.raw], [file.file]);
    if (problems.length > 0) {
      ok = false;
      lines.push(`  ${file.file}: ${problems.length} problem(s):`, ...problems.map((p) => `  ${describeProblem(p)}`));
      continue;
    }
    for (const flow of flows) lines.push(`  ${file.file}: OK (flow ${flow.id}, ${flow.steps.length} steps, ${mainSteps(flow).length} numbered checks)`);
  }
  const all = files.filter((f) => !f.error).map((f) => f.raw);
  const crossFile = validateFlows(all, files.filter((f) => !f.error).map((f) => f.file)).problems.filter((p) => p.check === 'duplicate_id' && !p.step);
  if (crossFile.length > 0) {
    ok = false;
    lines.push(...crossFile.map(describeProblem));
  }
  if (paths.length === 0) {
    const intents = readIntentFiles();
    const problems = validateIntents(intents);
    lines.push(`Checking ${intents.length} intent file(s)...`);
    if (problems.length > 0) {
      ok = false;
      lines.push(...problems.map((p) => `  ${p}`));
    } else lines.push('  OK');
  }
  lines.push(ok ? 'All good.' : 'Some files need fixing (see above).');
  return { ok, lines };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { ok, lines } = checkAll(process.argv.slice(2));
  console.log(lines.join('\n'));
  if (!ok) process.exitCode = 1;
}
