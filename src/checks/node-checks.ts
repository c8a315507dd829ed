/** The live checks as `npm start` runs them: node:dns, and node:net for the optional greeting probe. */
import type { Config } from '../config.js';
import { createNodeResolver } from './node-resolver.js';
import { createCheckRunner, type RunCheck } from './run-check.js';
import { createNodeSmtpBanner } from './smtp-banner-node.js';

type CheckSettings = Pick<Config, 'LIVE_CHECKS' | 'SMTP_PROBE' | 'DNS_SERVER' | 'CHECK_TIMEOUT_MS'>;

/**
 * The `runCheck` for `createConversations`, or undefined when LIVE_CHECKS is off.
 * Throws at start-up when DNS_SERVER is not an address.
 */
export function createNodeCheckRunner(config: CheckSettings): RunCheck | undefined {
  if (!config.LIVE_CHECKS) return undefined;
  const timeoutMs = config.CHECK_TIMEOUT_MS;
  // One check makes up to three lookups in a row (MX, host addresses, IPv6 fallback) inside its budget.
  const resolver = createNodeResolver({ server: config.DNS_SERVER, timeoutMs: Math.floor(timeoutMs / 3) });
  const smtpBanner = config.SMTP_PROBE ? createNodeSmtpBanner({ timeoutMs: Math.floor(timeoutMs / 2) }) : undefined;
  return createCheckRunner({ resolver, smtpBanner, timeoutMs, smtpProbe: config.SMTP_PROBE });
}
