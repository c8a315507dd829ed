/**
 * What the configuration turns on for cases: the targets an escalation is queued for, the agents' desks a
 * case's later turns are shown on, and the functions that deliver them all. With none, escalations still reach
 * agents through the agents API.
 */
import { createSlackApi } from '../channels/slack/api.js';
import { slackCaseTarget, slackDeskCourier } from '../channels/slack/desk-post.js';
import { credentialSource, type TeamsCredentials } from '../channels/teams/connector.js';
import { teamsCaseTarget, teamsDeskCourier } from '../channels/teams/desk-post.js';
import { teamsSettings } from '../channels/teams/settings.js';
import type { Config } from '../config.js';
import { USER_TARGET } from '../conversation/writes.js';
import type { ChannelSenders } from '../scheduler/types.js';
import type { Store } from '../store/types.js';
import { deskTarget } from './desk.js';
import type { Courier } from './outbox.js';
import { webhookTarget, type HandoffTarget } from './targets.js';
import { teamsHandoffTarget } from './teams-target.js';
import { userCourier } from './user-courier.js';

/** The names turns queue deliveries under (see the conversation service's options). */
export interface ConfiguredNames {
  handoffTargets: string[];
  deskTargets: string[];
}

/** Webhook when HANDOFF_WEBHOOK_URL is set; the Slack desk with SLACK_AGENTS_CHANNEL; Teams when its app is, and its desk with TEAMS_AGENTS_CHANNEL. */
export function configuredNames(config: Config): ConfiguredNames {
  const teams = teamsSettings(config).enabled;
  const slackDesk = Boolean(config.SLACK_AGENTS_CHANNEL && config.SLACK_BOT_TOKEN);
  const teamsDesk = teams && Boolean(config.TEAMS_AGENTS_CHANNEL);
  return {
    handoffTargets: [
      ...(config.HANDOFF_WEBHOOK_URL && config.HANDOFF_WEBHOOK_SECRET ? ['webhook'] : []),
      ...(slackDesk ? ['slack_agents'] : []),
      ...(teams ? ['teams'] : []),
      ...(teamsDesk ? ['teams_agents'] : []),
    ],
    deskTargets: [...(slackDesk ? [deskTarget('slack')] : []), ...(teamsDesk ? [deskTarget('msteams')] : [])],
  };
}

/** What the deliveries need from the runtime. */
export interface DeliveryOptions {
  config: Config;
  now(): number;
  store: Store;
  /** The user's channels, for replies queued by agents' turns. */
  senders: ChannelSenders;
  /** Signs Bot Connector calls (tests inject a fixed token); made from the app's settings when absent. */
  teamsCredentials?: TeamsCredentials;
}

/** The case targets and couriers for everything `configuredNames` names. */
export function configuredDeliveries(options: DeliveryOptions): { targets: Record<string, HandoffTarget>; couriers: Record<string, Courier> } {
  const { config, store } = options;
  const targets: Record<string, HandoffTarget> = {};
  const couriers: Record<string, Courier> = { [USER_TARGET]: userCourier(store, options.senders) };
  if (config.HANDOFF_WEBHOOK_URL && config.HANDOFF_WEBHOOK_SECRET) {
    targets.webhook = webhookTarget(config.HANDOFF_WEBHOOK_URL, config.HANDOFF_WEBHOOK_SECRET, options.now);
  }
  if (config.SLACK_AGENTS_CHANNEL && config.SLACK_BOT_TOKEN) {
    const apiUrl = config.SLACK_API_URL.endsWith('/') ? config.SLACK_API_URL : `${config.SLACK_API_URL}/`;
    const desk = { api: createSlackApi(apiUrl, config.SLACK_BOT_TOKEN), store, channel: config.SLACK_AGENTS_CHANNEL, config };
    targets.slack_agents = slackCaseTarget(desk);
    couriers[deskTarget('slack')] = slackDeskCourier(desk);
  }
  const teams = teamsSettings(config);
  if (teams.enabled) {
    const credentials = credentialSource(teams, options.teamsCredentials);
    targets.teams = teamsHandoffTarget(credentials);
    if (config.TEAMS_AGENTS_CHANNEL) {
      const desk = { credentials, store, channel: config.TEAMS_AGENTS_CHANNEL, serviceUrl: config.TEAMS_AGENTS_SERVICE_URL, config };
      targets.teams_agents = teamsCaseTarget(desk);
      couriers[deskTarget('msteams')] = teamsDeskCourier(desk);
    }
  }
  return { targets, couriers };
}
