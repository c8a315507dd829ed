/** Proactive Teams messages (follow-ups, agent notes) to a stored conversation reference. */
import type { Config } from '../../config.js';
import type { Output } from '../../core/types.js';
import type { ConversationRef } from '../../store/types.js';
import { credentialSource, teamsConversation, type TeamsCredentials } from './connector.js';
import { renderTeamsOutputs } from './render.js';
import { teamsSettings } from './settings.js';

/** Sends what the user should see from `outputs` into the stored conversation (or thread) via its serviceUrl. */
export async function sendTeamsOutputs(credentials: TeamsCredentials, ref: ConversationRef, outputs: Output[]): Promise<void> {
  const conversation = await teamsConversation(credentials, ref);
  for (const activity of renderTeamsOutputs(outputs)) await conversation.send(activity);
}

/** A sender bound to the configured app credentials, or undefined when Teams is not configured. */
export function createTeamsSender(
  config: Config,
  credentials?: TeamsCredentials,
): ((ref: ConversationRef, outputs: Output[]) => Promise<void>) | undefined {
  const settings = teamsSettings(config);
  if (!settings.enabled) return undefined;
  const signer = credentialSource(settings, credentials);
  return async (ref, outputs) => sendTeamsOutputs(await signer(), ref, outputs);
}
