/** The follow-up senders of every configured channel, built from the channels' own proactive senders. */
import type { LogWriter } from '../channels/directline/log-writer.js';
import { createSlackSender } from '../channels/slack/send.js';
import { createTeamsSender } from '../channels/teams/send.js';
import type { TeamsCredentials } from '../channels/teams/connector.js';
import type { Config } from '../config.js';
import type { ChannelSenders } from './types.js';

/**
 * Direct Line is always on; Teams and Slack join when configured. Pass the same Direct Line log writer the
 * routes use, so follow-up replies and user turns append to a conversation's log one after another. Tests pass
 * fixed-token Teams credentials for a local Bot Connector.
 */
export function createChannelSenders(config: Config, directLine: Pick<LogWriter, 'deliver'>, teamsCredentials?: TeamsCredentials): ChannelSenders {
  const senders: ChannelSenders = {
    directline: (record, outputs, position) => {
      const { conversationId, userId, userName } = record.ref;
      return directLine.deliver(conversationId, { id: userId ?? 'user', ...(userName ? { name: userName } : {}) }, outputs, position);
    },
  };
  const teams = createTeamsSender(config, teamsCredentials);
  if (teams) senders.msteams = (record, outputs) => teams(record.ref, outputs);
  const slack = createSlackSender(config);
  if (slack) senders.slack = (record, outputs) => slack(record.ref, outputs);
  return senders;
}
