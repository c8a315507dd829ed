/**
 * All settings in one validated schema. Node reads them from the environment, Workers from bindings.
 * A wrong value stops start-up with a message naming the setting and what it expects.
 */
import * as z from 'zod';

const optionalText = z.string().trim().min(1).optional();
const URL_EXPECTED = 'expected an absolute URL such as https://example.com/path';
const url = () => z.url({ error: URL_EXPECTED });
const optionalUrl = url().optional();
const number = (fallback: number, min: number, max: number) => {
  const expects = `expected a whole number from ${min} to ${max}`;
  return z.coerce.number({ error: expects }).int(expects).min(min, expects).max(max, expects).default(fallback);
};
const hours = (fallback: number, max: number) => {
  const expects = `expected a number of hours above 0 and at most ${max}`;
  return z.coerce.number({ error: expects }).positive(expects).max(max, expects).default(fallback);
};
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .default('false')
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

export const configSchema = z.object({
  PORT: number(3978, 1, 65535).describe('TCP port of the HTTP server'),
  DATA_DIR: z.string().min(1).default('./data').describe('folder of the SQLite database'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  PUBLIC_URL: optionalUrl.describe('public base URL of this server, used in links sent to agents'),

  DIRECT_LINE_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  DIRECT_LINE_TOKEN_TTL_SECONDS: number(1800, 60, 86_400),
  DIRECT_LINE_KEEPALIVE_SECONDS: number(15, 1, 300).describe('Node: seconds between empty keep-alive messages on a Direct Line stream'),
  CORS_ORIGINS: z.string().default('').describe('comma-separated origins allowed to call Direct Line, or *'),
  RATE_LIMIT_PER_MINUTE: number(60, 1, 100_000).describe('messages one conversation may post per minute'),

  MICROSOFT_APP_ID: optionalText,
  MICROSOFT_APP_PASSWORD: optionalText,
  MICROSOFT_APP_TENANT_ID: optionalText,
  BOT_OPENID_METADATA: optionalUrl.describe('OpenID metadata URL for Bot Framework tokens (tests point it at a local server)'),

  SLACK_SIGNING_SECRET: optionalText,
  SLACK_BOT_TOKEN: optionalText,
  SLACK_API_URL: url().default('https://slack.com/api/'),
  SLACK_AGENTS_CHANNEL: optionalText.describe('Slack channel id (C...) where cases are posted and agents take them'),
  TEAMS_AGENTS_CHANNEL: optionalText.describe('Teams channel id (19:...@thread.tacv2) where cases are posted and agents take them'),
  TEAMS_AGENTS_SERVICE_URL: url().default('https://smba.trafficmanager.net/teams/')
    .describe("Bot Connector URL of the agents' team (the serviceUrl Teams sends from that team)"),
  AGENT_USER_IDS: z.string().default('')
    .describe('comma-separated Slack user ids and Teams user ids (AAD object ids or 29:...) allowed to act on cases; empty: every member of the agents channel'),

  AGENT_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  HANDOFF_WEBHOOK_URL: optionalUrl,
  HANDOFF_WEBHOOK_SECRET: optionalText,

  ESCALATE_AFTER_HOURS: hours(4, 8760),
  RECURRENCE_WINDOW_HOURS: hours(24, 8760),
  RETENTION_DAYS: number(30, 1, 3650),
  ABANDON_AFTER_HOURS: hours(24, 720)
    .describe('hours without a turn after which the analytics report counts an open conversation as abandoned'),

  DNS_SERVER: optionalText.describe('DNS resolver for live checks on Node, an IP address or IP:port'),
  DOH_URL: url().default('https://cloudflare-dns.com/dns-query'),
  LIVE_CHECKS: flag.describe('look up the recipient domain\'s MX records when the user names it'),
  SMTP_PROBE: flag.describe('connect to the recipient\'s MX on port 25 and read its greeting'),
  CHECK_TIMEOUT_MS: number(3000, 200, 30_000).describe('how long one live check may take, in milliseconds'),

  ERROR_CODES_GUIDE_URL: url().default('https://1grid.co.za/knowledge/a-guide-to-smtperror-codes/'),
  TRACK_DELIVERY_GUIDE_URL: url().default('https://1grid.co.za/knowledge/cpanel-how-to-view-delivery-reports-via-track-delivery/'),
  SPF_DKIM_GUIDE_URL: url().default('https://1grid.co.za/knowledge/how-to-enable-dkim-and-spf-on-your-mail-domain/'),
  SENDING_LIMITS_GUIDE_URL: url().default('https://1grid.co.za/knowledge/email-restrictions/'),
  CONTACT_URL: url().default('https://1grid.co.za/contact-us/'),
});

export type Config = z.infer<typeof configSchema>;

/** A setting is wrong: the message names it and says what it expects. */
export class ConfigError extends Error {
  readonly code = 'config_invalid';
}

/** Settings that are valid one by one but not together: each line names the setting to add or remove. */
function crossFieldProblems(config: Config): string[] {
  const problems: string[] = [];
  if (config.HANDOFF_WEBHOOK_URL && !config.HANDOFF_WEBHOOK_SECRET) {
    problems.push('HANDOFF_WEBHOOK_SECRET: required when HANDOFF_WEBHOOK_URL is set; expected the shared secret that signs each case posted to the webhook');
  }
  if (config.HANDOFF_WEBHOOK_SECRET && !config.HANDOFF_WEBHOOK_URL) {
    problems.push('HANDOFF_WEBHOOK_URL: required when HANDOFF_WEBHOOK_SECRET is set; expected the URL cases are posted to (or remove the secret)');
  }
  if (config.SLACK_AGENTS_CHANNEL && !config.SLACK_BOT_TOKEN) {
    problems.push('SLACK_BOT_TOKEN: required when SLACK_AGENTS_CHANNEL is set; expected the bot token (xoxb-...) that posts cases to that channel');
  }
  if (config.TEAMS_AGENTS_CHANNEL && !(config.MICROSOFT_APP_ID && config.MICROSOFT_APP_PASSWORD)) {
    problems.push('MICROSOFT_APP_ID: required with MICROSOFT_APP_PASSWORD when TEAMS_AGENTS_CHANNEL is set; expected the Teams app that posts cases to that channel');
  }
  if (config.SMTP_PROBE && !config.LIVE_CHECKS) {
    problems.push('SMTP_PROBE: needs LIVE_CHECKS=true; expected LIVE_CHECKS on as well, or SMTP_PROBE off');
  }
  return problems;
}

/** Reads settings from an environment-like object (process.env, Workers bindings). */
export function loadConfig(source: Record<string, unknown>): Config {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = source[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const parsed = configSchema.safeParse(picked);
  if (parsed.success) {
    const problems = crossFieldProblems(parsed.data);
    if (problems.length === 0) return parsed.data;
    throw new ConfigError(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  const lines = parsed.error.issues.map((issue) => {
    const name = issue.path.join('.');
    const field = configSchema.shape[name as keyof typeof configSchema.shape];
    const hint = field?.description ? ` (${field.description})` : '';
    return `  ${name}: ${issue.message}${hint}`;
  });
  throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
}
