/**
 * Cold start on Node: from spawning the process to the first answered message (a Direct Line conversation
 * opened and a message answered, bot reply stored). Measured for `node` on the bundle `npm start` builds and
 * runs, and for `tsx src/runtime/node.ts` (the same code compiled at start, as the server tests run it).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNodeServer } from '../scripts/build-server.js';
import { freePort } from '../test/conversation/server-process.js';
import { BENCH_SECRET } from './secret.js';
import { summarise } from './stats.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Milliseconds to the first answered message, per way of starting, and the bundle's size. */
export interface ColdStartFigures {
  tsxMs: ReturnType<typeof summarise>;
  bundleMs: ReturnType<typeof summarise>;
  bundleBytes: number;
  /** What loading botframework-connector alone adds to a bare `node` start (paid by the first Teams request only). */
  teamsLibraryMs: ReturnType<typeof summarise>;
}

async function firstAnswer(command: string, args: string[]): Promise<number> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'softbounce-cold-'));
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DIRECT_LINE_SECRET: BENCH_SECRET, LOG_LEVEL: 'error' },
    stdio: 'ignore',
    detached: true,
  });
  try {
    let opened: { conversationId: string; token: string } | undefined;
    while (!opened) {
      if (child.exitCode !== null) throw new Error(`${command} ${args.join(' ')} exited with ${child.exitCode}`);
      const response = await fetch(`${base}/v3/directline/conversations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${BENCH_SECRET}` },
      }).catch(() => undefined);
      if (response?.status === 201) opened = (await response.json()) as { conversationId: string; token: string };
      else await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const answer = await fetch(`${base}/v3/directline/conversations/${opened.conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${opened.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', from: { id: 'cold' }, text: 'my emails to gmail bounce with 421' }),
    });
    if (answer.status !== 200) throw new Error(`first message answered ${answer.status}: ${await answer.text()}`);
    return performance.now() - started;
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-(child.pid as number), 'SIGKILL');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Wall time of `node --input-type=module -e <code>` in the project folder, start to exit. */
async function nodeEval(code: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, stdio: 'ignore' });
  const status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (status !== 0) throw new Error(`node -e ${code} exited with ${status}`);
  return performance.now() - started;
}

/** Starts each way `runs` times, alternating, after one unmeasured start of each to warm the file cache. */
export async function measureColdStart(runs: number): Promise<ColdStartFigures> {
  // Inside the project, so the bundle's bare imports resolve to node_modules; not `npm start`'s own file, which may be serving.
  const outfile = join(ROOT, 'bench/results/node-server.mjs');
  try {
    const bundleBytes = await buildNodeServer(outfile);
    const tsx = [join(ROOT, 'node_modules/.bin/tsx'), ['src/runtime/node.ts']] as const;
    const node = [process.execPath, [outfile]] as const;
    await firstAnswer(tsx[0], [...tsx[1]]);
    await firstAnswer(node[0], [...node[1]]);
    const tsxMs: number[] = [];
    const bundleMs: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      tsxMs.push(await firstAnswer(tsx[0], [...tsx[1]]));
      bundleMs.push(await firstAnswer(node[0], [...node[1]]));
    }
    const teamsLibraryMs: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const bare = await nodeEval('');
      teamsLibraryMs.push((await nodeEval("await import('botframework-connector')")) - bare);
    }
    return { tsxMs: summarise(tsxMs), bundleMs: summarise(bundleMs), bundleBytes, teamsLibraryMs: summarise(teamsLibraryMs) };
  } finally {
    rmSync(outfile, { force: true });
  }
}
