/**
 * Outbound Bot Connector calls. Credentials are injected: production signs with the app's Entra ID
 * password (MSAL, which cannot be pointed at a local server), tests pass a fixed-token credential.
 */
import type { ConnectorClient } from 'botframework-connector';
import type { ConversationRef } from '../../store/types.js';
import { botFramework } from './bot-framework.js';
import type { OutgoingActivity } from './render.js';

type ActivityPayload = Parameters<ConnectorClient['conversations']['sendToConversation']>[1];

/** Anything that can sign a Bot Connector request. */
export type TeamsCredentials = ConstructorParameters<typeof ConnectorClient>[0];

/** Credentials made on first call and reused; until then botframework-connector stays unloaded. */
export type TeamsCredentialSource = () => Promise<TeamsCredentials>;

/** The bot's own credentials for the Bot Connector service (token from Entra ID, cached by the library). */
export async function appCredentials(appId: string, password: string, tenantId?: string): Promise<TeamsCredentials> {
  const { MicrosoftAppCredentials } = await botFramework();
  return new MicrosoftAppCredentials(appId, password, tenantId);
}

/** A credential that always presents `token`; for local fake connector services. */
export async function fixedTokenCredentials(token: string): Promise<TeamsCredentials> {
  const { TokenCredentials } = await botFramework();
  return new TokenCredentials(token);
}

/** The injected credentials when given (tests), else the app's own from its settings, made on first use. */
export function credentialSource(app: { appId: string; password: string; tenantId?: string }, injected?: TeamsCredentials): TeamsCredentialSource {
  let made: Promise<TeamsCredentials> | undefined;
  return () => {
    made ??= injected ? Promise.resolve(injected) : appCredentials(app.appId, app.password, app.tenantId);
    return made;
  };
}

/** Sends, replies to and updates activities in one stored conversation. */
export interface TeamsConversation {
  send(activity: OutgoingActivity): Promise<string | undefined>;
  reply(replyToId: string, activity: OutgoingActivity): Promise<string | undefined>;
  update(activityId: string, activity: OutgoingActivity): Promise<void>;
}

/** Binds a connector client to the conversation's service URL and addresses every activity from the bot. */
export async function teamsConversation(credentials: TeamsCredentials, ref: ConversationRef): Promise<TeamsConversation> {
  if (!ref.serviceUrl) throw new Error(`Teams conversation ${ref.conversationId} has no serviceUrl to reply through`);
  const { ConnectorClient } = await botFramework();
  const client = new ConnectorClient(credentials, { baseUri: ref.serviceUrl });
  const conversationId = ref.conversationId;
  const address = (activity: OutgoingActivity, replyToId?: string): ActivityPayload => ({
    ...(activity as ActivityPayload),
    channelId: 'msteams',
    serviceUrl: ref.serviceUrl,
    conversation: { id: conversationId } as ActivityPayload['conversation'],
    ...(ref.botId ? { from: { id: ref.botId, name: '' } } : {}),
    ...(ref.userId ? { recipient: { id: ref.userId, name: ref.userName ?? '' } } : {}),
    ...(replyToId ? { replyToId } : {}),
  });
  return {
    send: async (activity) => (await client.conversations.sendToConversation(conversationId, address(activity))).id,
    reply: async (replyToId, activity) =>
      (await client.conversations.replyToActivity(conversationId, replyToId, address(activity, replyToId))).id,
    update: async (activityId, activity) => {
      await client.conversations.updateActivity(conversationId, activityId, { ...address(activity), id: activityId });
    },
  };
}

/** A new post in a Teams channel: the thread's conversation id (replies go there) and the post's activity id. */
export interface ChannelThread {
  conversationId: string;
  activityId: string;
}

/**
 * Starts a thread in channel `channelId` with `activity` as its first post (Bot Connector `createConversation`
 * with `isGroup` and the channel in `channelData`, as Teams expects for proactive channel posts).
 */
export async function startChannelThread(
  credentials: TeamsCredentials, serviceUrl: string, channelId: string, activity: OutgoingActivity, tenantId?: string,
): Promise<ChannelThread> {
  const { ConnectorClient } = await botFramework();
  const client = new ConnectorClient(credentials, { baseUri: serviceUrl });
  const created = await client.conversations.createConversation({
    isGroup: true,
    channelData: { channel: { id: channelId }, ...(tenantId ? { tenant: { id: tenantId } } : {}) },
    activity: activity as ActivityPayload,
  } as Parameters<ConnectorClient['conversations']['createConversation']>[0]);
  if (!created.id || !created.activityId) throw new Error(`Teams did not say where the post in ${channelId} went`);
  return { conversationId: created.id, activityId: created.activityId };
}
