/**
 * `npm run test:workers`: tests inside workerd (Durable Objects, alarms) via vitest-pool-workers. The pool runs
 * the bundle `wrangler deploy --dry-run` builds, the file that deploys: botframework-connector (Teams) cannot be
 * loaded from source inside the pool, but loads from the bundle.
 */
import { execFileSync } from 'node:child_process';
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

const OUTDIR = '.wrangler/test-bundle';

/** A stand-in helpdesk on the outbound network: POST /cases records a case, GET /cases lists what arrived. */
const HELPDESK = 'https://helpdesk.test/cases';
const received: unknown[] = [];
async function helpdesk(request: Request): Promise<Response> {
  if (request.url !== HELPDESK) return new Response('no such host in tests', { status: 502 });
  if (request.method === 'GET') return Response.json(received);
  received.push({ signature: request.headers.get('x-softbounce-signature'), packet: await request.json() });
  return new Response(null, { status: 204 });
}

export default defineConfig({
  plugins: [
    cloudflareTest(() => {
      execFileSync('node_modules/.bin/wrangler', ['deploy', '--dry-run', '--outdir', OUTDIR], {
        stdio: 'pipe',
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
      });
      return {
        main: `./${OUTDIR}/worker.js`,
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: { LOG_LEVEL: 'warn', HANDOFF_WEBHOOK_URL: HELPDESK, HANDOFF_WEBHOOK_SECRET: 'workers-test-webhook-secret' },
          outboundService: helpdesk,
        },
      };
    }),
  ],
  test: {
    include: ['test/workers/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
