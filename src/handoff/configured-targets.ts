/** The handoff targets the configuration enables. With none, escalations are still stored for the agents API. */
import type { TeamsCredentials } from '../channels/teams/connector.js';
import type { Config } from '../config.js';
import { slackAgentsTarget, webhookTarget, type HandoffTarget } from './targets.js';
import { teamsHandoffTarget } from './teams-target.js';

export function configuredTargets(config: Config, now: () => number, teamsCredentials?: TeamsCredentials): Record<string, HandoffTarget> {
  const targets: Record<string, HandoffTarget> = {};
  if (config.HANDOFF_WEBHOOK_URL) {
    if (!config.HANDOFF_WEBHOOK_SECRET) throw new Error('HANDOFF_WEBHOOK_URL is set but HANDOFF_WEBHOOK_SECRET is not: the webhook must be signed');
    targets.webhook = webhookTarget(config.HANDOFF_WEBHOOK_URL, config.HANDOFF_WEBHOOK_SECRET, now);
  }
  if (config.SLACK_AGENTS_CHANNEL && config.SLACK_BOT_TOKEN) {
    targets.slack_agents = slackAgentsTarget(config, config.SLACK_BOT_TOKEN, config.SLACK_AGENTS_CHANNEL);
  }
  if (teamsCredentials) targets.teams = teamsHandoffTarget(teamsCredentials);
  return targets;
}
