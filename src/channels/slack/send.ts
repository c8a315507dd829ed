/** Proactive Slack messages (follow-ups, agent notes) to a stored conversation reference. */
import type { Config } from '../../config.js';
import type { Output } from '../../core/types.js';
import type { ConversationRef } from '../../store/types.js';
import { createSlackApi, type SlackApi } from './api.js';
import { renderSlackOutputs } from './render.js';
import { slackSettings } from './settings.js';

/** Posts what the user should see from `outputs` into the stored channel, in its thread when it has one. */
export async function sendSlackOutputs(api: SlackApi, ref: ConversationRef, outputs: Output[]): Promise<void> {
  const target = ref.threadTs ? { channel: ref.conversationId, threadTs: ref.threadTs } : { channel: ref.conversationId };
  for (const message of renderSlackOutputs(outputs, target)) await api.postMessage(message);
}

/** A sender bound to the configured bot token and API URL, or undefined when Slack is not configured. */
export function createSlackSender(config: Config): ((ref: ConversationRef, outputs: Output[]) => Promise<void>) | undefined {
  const settings = slackSettings(config);
  if (!settings.enabled) return undefined;
  const api = createSlackApi(settings.apiUrl, settings.botToken);
  return (ref, outputs) => sendSlackOutputs(api, ref, outputs);
}
