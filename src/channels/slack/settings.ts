/** Whether Slack is configured; without a signing secret requests could not be verified, so it stays off. */
import type { Config } from '../../config.js';

/** The Slack settings when complete, else the start-up message saying what is missing. */
export type SlackSettings =
  | { enabled: true; signingSecret: string; botToken: string; apiUrl: string }
  | { enabled: false; message: string };

/** Slack needs both the signing secret (inbound) and the bot token (outbound). */
export function slackSettings(config: Config): SlackSettings {
  const missing = (['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN'] as const).filter((key) => !config[key]);
  if (missing.length > 0 || !config.SLACK_SIGNING_SECRET || !config.SLACK_BOT_TOKEN) {
    return {
      enabled: false,
      message: `Slack channel is disabled: set ${missing.join(' and ')} (Slack app > Basic Information / OAuth & Permissions) to enable /slack/events and /slack/interactions`,
    };
  }
  const apiUrl = config.SLACK_API_URL.endsWith('/') ? config.SLACK_API_URL : `${config.SLACK_API_URL}/`;
  return { enabled: true, signingSecret: config.SLACK_SIGNING_SECRET, botToken: config.SLACK_BOT_TOKEN, apiUrl };
}
