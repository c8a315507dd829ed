import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const PURE = ['src/core', 'src/nlu', 'src/flows', 'src/bounce'];
const FORBIDDEN_IMPORT = /(?:from\s*|import\s*\(\s*|import\s+|require\s*\(\s*)['"](hono(?:\/[^'"]*)?|node:[^'"]+|cloudflare:[^'"]+)['"]/g;
const ENV = /\bprocess\s*\.\s*env\b|\bprocess\s*\[\s*['"]env['"]\s*\]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs)$/.test(name) ? [path] : [];
  });
}

/** Every violation in one file's text: forbidden imports and environment reads. */
function violations(text: string): string[] {
  const found = [...text.matchAll(FORBIDDEN_IMPORT)].map((m) => `imports ${m[1]}`);
  if (ENV.test(text)) found.push('reads process.env');
  return found;
}

describe('pure modules stay runtime-free', () => {
  it('the detector catches each forbidden form', () => {
    expect(violations("import { Hono } from 'hono';")).toEqual(['imports hono']);
    expect(violations("import { readFileSync } from 'node:fs';")).toEqual(['imports node:fs']);
    expect(violations("const s = await import('cloudflare:sockets');")).toEqual(['imports cloudflare:sockets']);
    expect(violations('const key = process.env.SECRET;')).toEqual(['reads process.env']);
    expect(violations("import { z } from 'zod';\nconst a = 1;")).toEqual([]);
  });

  for (const folder of PURE) {
    it(`${folder} imports no hono, node:* or cloudflare:* and reads no process.env`, () => {
      const files = sourceFiles(join(ROOT, folder));
      expect(files.length).toBeGreaterThan(0);
      const problems = files.flatMap((file) => violations(readFileSync(file, 'utf8')).map((v) => `${relative(ROOT, file)} ${v}`));
      expect(problems).toEqual([]);
    });
  }
});
