/** Every setting that can be wrong stops start-up with a line that names it and says what it expects. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema, ConfigError, loadConfig } from '../src/config.js';

/** Settings that take any text; every other setting must appear in WRONG. */
const FREE_TEXT = new Set([
  'DATA_DIR', 'CORS_ORIGINS', 'MICROSOFT_APP_ID', 'MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID', 'SLACK_SIGNING_SECRET',
  'SLACK_BOT_TOKEN', 'SLACK_AGENTS_CHANNEL', 'TEAMS_AGENTS_CHANNEL', 'AGENT_USER_IDS', 'HANDOFF_WEBHOOK_SECRET', 'DNS_SERVER',
]);

/** A wrong value for each setting, and words its error must contain. */
const WRONG: Record<string, [string, string]> = {
  PORT: ['80000', 'whole number from 1 to 65535'],
  LOG_LEVEL: ['loud', 'expected one of'],
  PUBLIC_URL: ['support.example.com', 'absolute URL'],
  DIRECT_LINE_SECRET: ['short-secret', 'at least 16 characters'],
  DIRECT_LINE_TOKEN_TTL_SECONDS: ['10', 'whole number from 60 to 86400'],
  DIRECT_LINE_KEEPALIVE_SECONDS: ['0', 'whole number from 1 to 300'],
  RATE_LIMIT_PER_MINUTE: ['lots', 'whole number from 1 to 100000'],
  BOT_OPENID_METADATA: ['not a url', 'absolute URL'],
  SLACK_API_URL: ['slack', 'absolute URL'],
  TEAMS_AGENTS_SERVICE_URL: ['smba', 'absolute URL'],
  AGENT_TOKEN: ['letmein', 'at least 16 characters'],
  HANDOFF_WEBHOOK_URL: ['helpdesk', 'absolute URL'],
  ESCALATE_AFTER_HOURS: ['-1', 'hours above 0'],
  RECURRENCE_WINDOW_HOURS: ['a day', 'hours above 0'],
  RETENTION_DAYS: ['2.5', 'whole number from 1 to 3650'],
  ABANDON_AFTER_HOURS: ['1000', 'at most 720'],
  DOH_URL: ['cloudflare', 'absolute URL'],
  LIVE_CHECKS: ['maybe', 'expected one of'],
  SMTP_PROBE: ['sometimes', 'expected one of'],
  CHECK_TIMEOUT_MS: ['50', 'whole number from 200 to 30000'],
  ERROR_CODES_GUIDE_URL: ['guide', 'absolute URL'],
  TRACK_DELIVERY_GUIDE_URL: ['guide', 'absolute URL'],
  SPF_DKIM_GUIDE_URL: ['guide', 'absolute URL'],
  SENDING_LIMITS_GUIDE_URL: ['guide', 'absolute URL'],
  CONTACT_URL: ['contact', 'absolute URL'],
};

function errorOf(source: Record<string, string>): string {
  try {
    loadConfig(source);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(source)} to be refused`);
}

describe('configuration', () => {
  it('starts with no settings at all, on defaults', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3978);
    expect(config.ABANDON_AFTER_HOURS).toBe(24);
    expect(config.LIVE_CHECKS).toBe(false);
  });

  it('has a wrong-value case for every setting that does not take free text', () => {
    const checked = Object.keys(configSchema.shape).filter((key) => !FREE_TEXT.has(key));
    expect(Object.keys(WRONG).sort()).toEqual(checked.sort());
  });

  it.each(Object.entries(WRONG))('names %s and says what it expects', (name, [value, expects]) => {
    const message = errorOf({ [name]: value });
    const line = message.split('\n').find((l) => l.trim().startsWith(`${name}:`));
    expect(line, message).toBeDefined();
    expect(line).toContain(expects);
  });

  it('lists every wrong setting at once and never echoes a secret', () => {
    const message = errorOf({ PORT: 'abc', AGENT_TOKEN: 'tiny-secret', CONTACT_URL: 'x' });
    expect(message.match(/^ {2}\w+:/gm)).toEqual(['  PORT:', '  AGENT_TOKEN:', '  CONTACT_URL:']);
    expect(message).not.toContain('tiny-secret');
  });

  it('treats an empty value as not set', () => {
    expect(loadConfig({ PORT: '', AGENT_TOKEN: '' }).PORT).toBe(3978);
  });

  it('refuses settings that only work together when one of them is missing', () => {
    expect(errorOf({ HANDOFF_WEBHOOK_URL: 'https://helpdesk.example.com/hook' })).toMatch(
      /HANDOFF_WEBHOOK_SECRET: required when HANDOFF_WEBHOOK_URL is set/,
    );
    expect(errorOf({ HANDOFF_WEBHOOK_SECRET: 'shared-secret-123456' })).toMatch(/HANDOFF_WEBHOOK_URL: required when HANDOFF_WEBHOOK_SECRET is set/);
    expect(errorOf({ SLACK_AGENTS_CHANNEL: 'C0123' })).toMatch(/SLACK_BOT_TOKEN: required when SLACK_AGENTS_CHANNEL is set/);
    expect(errorOf({ SMTP_PROBE: 'true' })).toMatch(/SMTP_PROBE: needs LIVE_CHECKS=true/);
    expect(errorOf({ TEAMS_AGENTS_CHANNEL: '19:abc@thread.tacv2' })).toMatch(/MICROSOFT_APP_ID: required with MICROSOFT_APP_PASSWORD when TEAMS_AGENTS_CHANNEL is set/);
    expect(loadConfig({ HANDOFF_WEBHOOK_URL: 'https://helpdesk.example.com/hook', HANDOFF_WEBHOOK_SECRET: 'shared-secret-123456' }).HANDOFF_WEBHOOK_URL)
      .toBe('https://helpdesk.example.com/hook');
  });

  it('stops the Node server at start-up with the message and no stack trace', async () => {
    const root = join(import.meta.dirname, '..');
    const run = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/runtime/node.ts')], {
        cwd: root, env: { ...process.env, PORT: 'eighty', LOG_LEVEL: 'silent' },
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('softbounce cannot start: invalid configuration:');
    expect(run.stderr).toContain('PORT: expected a whole number from 1 to 65535 (TCP port of the HTTP server)');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
