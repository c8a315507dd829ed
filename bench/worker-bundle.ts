/** The Workers bundle as wrangler would upload it: `wrangler deploy --dry-run --outdir`, then its size and gzip size. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Bytes of the bundled JavaScript, raw and gzipped (level 9), and wrangler's own figure in KiB. */
export interface BundleFigures {
  bytes: number;
  gzipBytes: number;
  wranglerGzipKiB?: number;
}

/** Runs the dry-run build into a temporary folder; throws with wrangler's output when it fails. */
export async function measureWorkerBundle(): Promise<BundleFigures> {
  const outDir = mkdtempSync(join(tmpdir(), 'softbounce-worker-'));
  try {
    const wrangler = join(ROOT, 'node_modules/.bin/wrangler');
    const { stdout, stderr } = await promisify(execFile)(wrangler, ['deploy', '--dry-run', '--outdir', outDir], {
      cwd: ROOT,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
      maxBuffer: 16 * 1024 * 1024,
    });
    const js = readdirSync(outDir).filter((name) => name.endsWith('.js') || name.endsWith('.mjs'));
    if (js.length === 0) throw new Error(`wrangler wrote no JavaScript:\n${stdout}\n${stderr}`);
    const code = Buffer.concat(js.map((name) => readFileSync(join(outDir, name))));
    const reported = /gzip:\s*([\d.]+)\s*KiB/.exec(stdout + stderr)?.[1];
    return {
      bytes: code.length,
      gzipBytes: gzipSync(code, { level: 9 }).length,
      ...(reported ? { wranglerGzipKiB: Number(reported) } : {}),
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
