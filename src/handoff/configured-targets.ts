/** The handoff targets the configuration enables. With none, escalations still reach agents through the agents API. */
import { credentialSource, type TeamsCredentials } from '../channels/teams/connector.js';
import { teamsSettings } from '../channels/teams/settings.js';
import type { Config } from '../config.js';
import { slackAgentsTarget, webhookTarget, type HandoffTarget } from './targets.js';
import { teamsHandoffTarget } from './teams-target.js';

/** Webhook when HANDOFF_WEBHOOK_URL is set, the Slack agents' channel when SLACK_AGENTS_CHANNEL is, Teams when its app is. */
export function configuredTargets(config: Config, now: () => number, teamsCredentials?: TeamsCredentials): Record<string, HandoffTarget> {
  const targets: Record<string, HandoffTarget> = {};
  if (config.HANDOFF_WEBHOOK_URL && config.HANDOFF_WEBHOOK_SECRET) {
    targets.webhook = webhookTarget(config.HANDOFF_WEBHOOK_URL, config.HANDOFF_WEBHOOK_SECRET, now);
  }
  if (config.SLACK_AGENTS_CHANNEL && config.SLACK_BOT_TOKEN) {
    targets.slack_agents = slackAgentsTarget(config, config.SLACK_BOT_TOKEN, config.SLACK_AGENTS_CHANNEL);
  }
  const teams = teamsSettings(config);
  if (teams.enabled) {
    targets.teams = teamsHandoffTarget(credentialSource(teams, teamsCredentials));
  }
  return targets;
}
