/**
 * `npm start` builds this first: the Node server as one ES module, `dist/node/server.mjs`, so start-up runs plain
 * JavaScript instead of compiling TypeScript (tsx adds ~1.2 s). hono, zod and the stemmer are inlined too: Node
 * resolves and links each of their ~100 files one by one (~150 ms). better-sqlite3 (native) and
 * botframework-connector (loaded only when Teams is used) stay in node_modules.
 */
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Where `npm start` runs the server from. */
export const SERVER_BUNDLE = fileURLToPath(new URL('../dist/node/server.mjs', import.meta.url));

/** Bundles `src/runtime/node.ts` into `outfile` and returns its size in bytes. */
export function buildNodeServer(outfile = SERVER_BUNDLE): Promise<number> {
  return bundleForNode(fileURLToPath(new URL('../src/runtime/node.ts', import.meta.url)), outfile);
}

/** Bundles `entry` as the server is bundled (the bench measures memory the way `npm start` runs). */
export async function bundleForNode(entry: string, outfile: string): Promise<number> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3', 'botframework-connector'],
    // `ws` (under @hono/node-ws) is CommonJS and requires Node's built-ins, which an ES module bundle can only
    // do through a real `require`.
    banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
    logLevel: 'warning',
  });
  return statSync(outfile).size;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildNodeServer();
