/** Validates flows/*.yaml and writes them to src/generated/flows.json for the runtimes to import. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { describeProblem, FlowError, validateFlows } from '../src/flows/load.js';
import { readFlowDir } from './read-flows.js';

const OUT_DIR = new URL('../src/generated/', import.meta.url);

/** Reads, validates and writes the flows; throws FlowError naming every problem. */
export function buildFlows(dir?: string): unknown[] {
  const files = readFlowDir(dir);
  const unreadable = files.filter((f) => f.error);
  if (unreadable.length > 0) {
    throw new FlowError(unreadable.map((f) => ({ check: 'schema', file: f.file, flow: '(unread)', message: f.error ?? '', fix: 'correct the YAML syntax (indentation, quotes, colons)' })));
  }
  const raws = files.map((f) => f.raw);
  const { problems } = validateFlows(raws, files.map((f) => f.file));
  if (problems.length > 0) throw new FlowError(problems);
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(new URL('flows.json', OUT_DIR), `${JSON.stringify(raws, null, 2)}\n`);
  return raws;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const raws = buildFlows();
    console.log(`flows: ${raws.length} written to src/generated/flows.json`);
  } catch (error) {
    if (!(error instanceof FlowError)) throw error;
    console.error(`flows are broken:\n${error.problems.map(describeProblem).join('\n')}`);
    process.exitCode = 1;
  }
}
