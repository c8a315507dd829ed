/**
 * `npm start` as a site owner runs it (build, then `node dist/node/server.mjs`), as a child process on a fixed
 * port and data folder, so it can be killed with SIGKILL and started again where Web Chat expects it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../e2e/servers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One `npm start` server that can crash and come back. */
export interface NpmStartServer {
  baseUrl: string;
  /** Its SQLite file, which survives a crash. */
  databaseFile: string;
  output(): string;
  /** SIGKILL to the whole process group (npm, the shell, node): no shutdown hooks run. */
  kill9(): Promise<void>;
  /** Runs `npm start` again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and removes the data folder. */
  stop(): Promise<void>;
}

async function waitUntilHealthy(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output()}`);
    if (await fetch(`${baseUrl}/healthz`).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`npm start did not answer /healthz within 90 s:\n${output()}`);
}

/** Starts `npm start` with `settings` added to the environment. */
export async function startNpmStart(settings: Record<string, string>): Promise<NpmStartServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'softbounce-npm-start-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  let printed = '';
  let child: ChildProcess | undefined;

  const start = async () => {
    const running = spawn('npm', ['start'], {
      cwd: ROOT,
      env: { ...process.env, ...settings, PORT: String(port), DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child = running;
    const keep = (chunk: Buffer) => {
      printed = (printed + chunk.toString()).slice(-20_000);
    };
    running.stdout?.on('data', keep);
    running.stderr?.on('data', keep);
    await waitUntilHealthy(baseUrl, running, () => printed);
  };
  const kill9 = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    process.kill(-running.pid!, 'SIGKILL');
    await exited;
  };

  await start();
  return {
    baseUrl,
    databaseFile: join(dataDir, 'softbounce.db'),
    output: () => printed,
    kill9,
    start,
    async stop() {
      await kill9();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
