/**
 * Starts the real servers as child processes on 127.0.0.1 with a free port and a fresh data folder:
 * the Node server (`tsx src/runtime/node.ts`) and the Worker (`wrangler dev`, Durable Objects in local storage).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = join(ROOT, 'node_modules/.bin');

export interface RunningServer {
  name: string;
  baseUrl: string;
  /** Everything the process printed, for failure messages. */
  output(): string;
  /** Stops the process and starts it again on a new port with the same data (what a restart keeps). */
  restart(): Promise<RunningServer>;
  /** Stops the process and erases its data folder. */
  stop(): Promise<void>;
}

/** How to start one server process listening on `port`. */
type Command = (port: number) => Promise<{ command: string; args: string[]; env: NodeJS.ProcessEnv }>;

/** A port that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilHealthy(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it was ready:\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server at ${baseUrl} was not ready within ${timeoutMs} ms:\n${output()}`);
}

async function launch(name: string, command: Command, dataDir: string): Promise<RunningServer> {
  const port = await freePort();
  const { command: file, args, env } = await command(port);
  const child = spawn(file, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let printed = '';
  const keep = (chunk: Buffer) => {
    printed = (printed + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const halt = async () => {
    if (child.exitCode === null && child.pid !== undefined) {
      // The whole process group: tsx and wrangler each start a child of their own (node, workerd).
      process.kill(-child.pid, 'SIGTERM');
      const forced = setTimeout(() => child.exitCode === null && process.kill(-child.pid!, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(forced);
    }
  };
  const stop = async () => {
    await halt();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilHealthy(baseUrl, child, () => printed, 90_000);
  } catch (error) {
    await stop();
    throw error;
  }
  const restart = async () => {
    await halt();
    return launch(name, command, dataDir);
  };
  return { name, baseUrl, output: () => printed, restart, stop };
}

/** `npm start`'s server with `settings` as its environment. */
export async function startNodeServer(settings: Record<string, string>): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'softbounce-node-'));
  return launch('node', async (port) => ({
    command: join(BIN, 'tsx'),
    args: ['src/runtime/node.ts'],
    env: { ...process.env, ...settings, PORT: String(port), DATA_DIR: dataDir },
  }), dataDir);
}

/**
 * `wrangler dev` (local workerd, Durable Objects persisted in a fresh folder) with `settings` as vars. It serves
 * the bundle `wrangler deploy --dry-run` builds, so edits to src/ during the run cannot reload it mid-test.
 */
export async function startWranglerDev(settings: Record<string, string>): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'softbounce-worker-'));
  const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' };
  await build(join(dataDir, 'build'), env);
  const vars = Object.entries(settings).flatMap(([key, value]) => ['--var', `${key}:${value}`]);
  return launch('workers', async (port) => ({
    command: join(BIN, 'wrangler'),
    args: [
      'dev', join(dataDir, 'build', 'worker.js'), '--config', join(ROOT, 'wrangler.toml'), '--no-bundle', '--local',
      '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(await freePort()),
      '--persist-to', join(dataDir, 'state'), '--show-interactive-dev-session=false', '--log-level', 'warn', ...vars,
    ],
    env,
  }), dataDir);
}

function build(outdir: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(BIN, 'wrangler'), ['deploy', '--dry-run', '--outdir', outdir], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let printed = '';
    child.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`wrangler deploy --dry-run failed (${code}):\n${printed}`))));
  });
}
