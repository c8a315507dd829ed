import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { trainedModel } from './fixture.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'softbounce-classify-'));
const modelPath = join(dir, 'model.json');
writeFileSync(modelPath, JSON.stringify(trainedModel()));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function classify(input: string): { stdout: string[]; stderr: string; status: number | null } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/classify.ts', '--model', modelPath], {
    cwd: root,
    input,
    encoding: 'utf8',
  });
  return { stdout: run.stdout.split('\n').filter((l) => l !== ''), stderr: run.stderr, status: run.status };
}

describe('npm run classify', () => {
  it('writes one JSON line per input line with topic, intent, confidence and entities', () => {
    const run = classify(
      ['{"text":"Gmail answers 421-4.7.0 try again later since 2 hours"}', '{"text":"nope"}'].join('\n'),
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toHaveLength(2);
    const first = JSON.parse(run.stdout[0] ?? '');
    expect(Object.keys(first)).toEqual(['text', 'topic', 'intent', 'confidence', 'entities']);
    expect(first).toMatchObject({
      topic: 'delivery_temporary',
      intent: 'report_problem',
      entities: { replyCode: '421', enhancedStatus: '4.7.0', provider: 'gmail', durationMinutes: 120 },
    });
    expect(JSON.parse(run.stdout[1] ?? '')).toMatchObject({ text: 'nope', intent: 'no', confidence: 1 });
  });

  it('reports a malformed line on stderr and carries on with the rest', () => {
    const run = classify(['{"text":"yes"}', 'not json', '{"txt":"wrong key"}', '{"text":"550 5.1.1 user unknown"}'].join('\n'));
    expect(run.status).toBe(1);
    expect(run.stdout.map((l) => JSON.parse(l).text)).toEqual(['yes', '550 5.1.1 user unknown']);
    expect(run.stderr).toContain('line 2: not valid JSON');
    expect(run.stderr).toContain('line 3: missing "text"');
  });
});
