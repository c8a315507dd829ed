import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FlowError } from '../../src/flows/load.js';
import { buildFlows } from '../../scripts/build-flows.js';

const dir = mkdtempSync(join(tmpdir(), 'flows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('buildFlows', () => {
  it('writes every flow of flows/ to src/generated/flows.json with its source file', () => {
    const raws = buildFlows() as { id: string; source: string }[];
    expect(raws.map((r) => r.id)).toContain('smtp_421');
    expect(raws.find((r) => r.id === 'smtp_421')?.source).toBe('flows/smtp-421.yaml');
    const written = JSON.parse(readFileSync(new URL('../../src/generated/flows.json', import.meta.url), 'utf8'));
    expect(written).toEqual(raws);
  });

  it('refuses a file that is not valid YAML, naming it', () => {
    writeFileSync(join(dir, 'bad.yaml'), 'id: x\nsteps: [\n  - oops: "unclosed\n');
    expect(() => buildFlows(dir)).toThrow(FlowError);
    expect(() => buildFlows(dir)).toThrow(/bad\.yaml.*not valid YAML/);
  });

  it('refuses a flow that fails validation', () => {
    rmSync(join(dir, 'bad.yaml'));
    writeFileSync(join(dir, 'tiny.yaml'), 'id: tiny\ntitle: Tiny\nstart: hello\nsteps:\n  - { id: hello, kind: say, text: Hi, next: nowhere }\n');
    expect(() => buildFlows(dir)).toThrow(/tiny\.yaml/);
  });
});
