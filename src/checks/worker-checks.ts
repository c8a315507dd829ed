/**
 * The live checks as the Worker runs them: DNS-over-HTTPS, and `cloudflare:sockets` for the optional
 * greeting probe. The worker runtime imports `connect` and passes it, keeping that import out of Node code.
 */
import type { Config } from '../config.js';
import { createDohResolver } from './doh-resolver.js';
import { createCheckRunner, type RunCheck } from './run-check.js';
import { createWorkerSmtpBanner, type WorkerConnect } from './smtp-banner-worker.js';

type CheckSettings = Pick<Config, 'LIVE_CHECKS' | 'SMTP_PROBE' | 'DOH_URL' | 'CHECK_TIMEOUT_MS'>;

/** The `runCheck` for `createConversations`, or undefined when LIVE_CHECKS is off. */
export function createWorkerCheckRunner(config: CheckSettings, connect?: WorkerConnect): RunCheck | undefined {
  if (!config.LIVE_CHECKS) return undefined;
  const timeoutMs = config.CHECK_TIMEOUT_MS;
  const resolver = createDohResolver({ url: config.DOH_URL, timeoutMs: Math.floor(timeoutMs / 3) });
  const smtpBanner =
    config.SMTP_PROBE && connect ? createWorkerSmtpBanner(connect, { timeoutMs: Math.floor(timeoutMs / 2) }) : undefined;
  return createCheckRunner({ resolver, smtpBanner, timeoutMs, smtpProbe: config.SMTP_PROBE });
}
