/**
 * All settings in one validated schema. Node reads them from the environment, Workers from bindings.
 * A wrong value stops start-up with a message naming the setting and what it expects.
 */
import { z } from 'zod';

const optionalText = z.string().trim().min(1).optional();
const optionalUrl = z.url().optional();
const number = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);
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
  CORS_ORIGINS: z.string().default('').describe('comma-separated origins allowed to call Direct Line, or *'),
  RATE_LIMIT_PER_MINUTE: number(60, 1, 100_000).describe('messages one conversation may post per minute'),

  MICROSOFT_APP_ID: optionalText,
  MICROSOFT_APP_PASSWORD: optionalText,
  MICROSOFT_APP_TENANT_ID: optionalText,
  BOT_OPENID_METADATA: optionalUrl.describe('OpenID metadata URL for Bot Framework tokens (tests point it at a local server)'),

  SLACK_SIGNING_SECRET: optionalText,
  SLACK_BOT_TOKEN: optionalText,
  SLACK_API_URL: z.url().default('https://slack.com/api/'),
  SLACK_AGENTS_CHANNEL: optionalText,

  AGENT_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  HANDOFF_WEBHOOK_URL: optionalUrl,
  HANDOFF_WEBHOOK_SECRET: optionalText,

  ESCALATE_AFTER_HOURS: z.coerce.number().positive().default(4),
  RECURRENCE_WINDOW_HOURS: z.coerce.number().positive().default(24),
  RETENTION_DAYS: number(30, 1, 3650),

  DNS_SERVER: optionalText.describe('DNS resolver for live checks, host or host:port'),
  DOH_URL: z.url().default('https://cloudflare-dns.com/dns-query'),
  LIVE_CHECKS: flag.describe('look up the recipient domain\'s MX records when the user names it'),
  SMTP_PROBE: flag.describe('connect to the recipient\'s MX on port 25 and read its greeting'),

  ERROR_CODES_GUIDE_URL: z.url().default('https://1grid.co.za/knowledge/a-guide-to-smtperror-codes/'),
  TRACK_DELIVERY_GUIDE_URL: z.url().default('https://1grid.co.za/knowledge/cpanel-how-to-view-delivery-reports-via-track-delivery/'),
  SPF_DKIM_GUIDE_URL: z.url().default('https://1grid.co.za/knowledge/how-to-enable-dkim-and-spf-on-your-mail-domain/'),
  SENDING_LIMITS_GUIDE_URL: z.url().default('https://1grid.co.za/knowledge/email-restrictions/'),
  CONTACT_URL: z.url().default('https://1grid.co.za/contact-us/'),
});

export type Config = z.infer<typeof configSchema>;

/** A setting is wrong: the message names it and says what it expects. */
export class ConfigError extends Error {
  readonly code = 'config_invalid';
}

/** Reads settings from an environment-like object (process.env, Workers bindings). */
export function loadConfig(source: Record<string, unknown>): Config {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = source[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const parsed = configSchema.safeParse(picked);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const name = issue.path.join('.');
    const field = configSchema.shape[name as keyof typeof configSchema.shape];
    const hint = field?.description ? ` (${field.description})` : '';
    return `  ${name}: ${issue.message}${hint}`;
  });
  throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
}
