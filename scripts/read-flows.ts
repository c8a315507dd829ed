/** Reads flow YAML files into raw objects tagged with their source file (validation happens in src/flows). */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parse } from 'yaml';

export interface RawFlowFile {
  file: string;
  raw: unknown;
  /** Set when the YAML itself could not be parsed. */
  error?: string;
}

/** The flows folder of this repository. */
export const FLOWS_DIR = new URL('../flows/', import.meta.url).pathname;

/** Parses one YAML file; a syntax error is returned, not thrown, so every file gets checked. */
export function readFlowFile(path: string): RawFlowFile {
  const file = relative(process.cwd(), path) || basename(path);
  try {
    const raw: unknown = parse(readFileSync(path, 'utf8'));
    if (raw && typeof raw === 'object' && !Array.isArray(raw)) return { file, raw: { ...raw, source: file } };
    return { file, raw, error: 'the file does not contain a flow (expected keys such as id, start, steps)' };
  } catch (error) {
    return { file, raw: undefined, error: `not valid YAML: ${(error as Error).message.split('\n')[0]}` };
  }
}

/** Every `*.yaml` / `*.yml` file in `dir`, sorted by name. */
export function readFlowDir(dir = FLOWS_DIR): RawFlowFile[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => readFlowFile(join(dir, name)));
}
