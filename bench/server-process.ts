/** Starts `bench/server.ts` (the real Node server plus an echo route in the same process), bundled, and stops it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from '../scripts/build-server.js';
import { freePort } from '../test/conversation/server-process.js';
import { BENCH_SECRET } from './secret.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
/** The bench server bundled as `npm start` bundles the server, so the bench measures the code as it ships. */
const SERVER_BUNDLE = join(ROOT, 'dist/bench/server.mjs');


/** The running bench server. */
export interface BenchServer {
  url: string;
  echoUrl: string;
  /** `GET` answers `{ rss, cpuMicros: { user, system } }` of the server process. */
  usageUrl: string;
  stop(): Promise<void>;
}

async function waitFor(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let tries = 0; tries < 600; tries += 1) {
    if (child.exitCode !== null) throw new Error(`bench server exited early:\n${log()}`);
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`bench server did not answer ${url}:\n${log()}`);
}

/** Starts the server on fresh ports and a fresh data folder; `stop` kills it and removes the folder. */
export async function startBenchServer(env: Record<string, string> = {}): Promise<BenchServer> {
  const [port, echoPort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(join(tmpdir(), 'softbounce-bench-'));
  await bundleForNode(join(ROOT, 'bench/server.ts'), SERVER_BUNDLE);
  const child = spawn(process.execPath, [SERVER_BUNDLE], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      DIRECT_LINE_SECRET: BENCH_SECRET,
      RATE_LIMIT_PER_MINUTE: '100000',
      ...env,
      PORT: String(port),
      ECHO_PORT: String(echoPort),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stdout?.on('data', (chunk) => (log += chunk));
  child.stderr?.on('data', (chunk) => (log += chunk));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-(child.pid as number), 'SIGKILL');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${url}/healthz`, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, echoUrl: `http://127.0.0.1:${echoPort}/echo`, usageUrl: `http://127.0.0.1:${echoPort}/usage`, stop };
}

/** Starts botbuilder's CloudAdapter echo bot (`bench/peer-server.ts`) on a fresh port; `stop` kills it. */
export async function startPeerServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(TSX, ['bench/peer-server.ts'], { cwd: ROOT, env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  child.stdout?.on('data', (chunk) => (log += chunk));
  child.stderr?.on('data', (chunk) => (log += chunk));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-(child.pid as number), 'SIGKILL');
    await exited;
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${url}/healthz`, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
