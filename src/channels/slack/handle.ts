/** The slow half of a Slack request, run after the acknowledgement: the turn, replies, and message updates. */
import type { Conversations } from '../../conversation/service.js';
import type { Store } from '../../store/types.js';
import type { SlackApi } from './api.js';
import type { SlackUserMessage } from './events.js';
import type { SlackChoiceClick } from './interactions.js';
import { renderAnsweredMessage, renderSlackOutputs } from './render.js';
import { expectedChoiceStep } from '../../core/state.js';

/** What the background half needs: the engine, the store for once-only claims, and the Web API. */
export interface SlackHandlerDeps {
  conversations: Conversations;
  store: Store;
  api: SlackApi;
  now(): number;
}

/** Runs the turn for a user message and posts the replies in the same DM or thread. */
export async function handleSlackMessage(message: SlackUserMessage, deps: SlackHandlerDeps): Promise<void> {
  if (message.needsThread && !(await deps.conversations.get(message.conversationKey))) return;
  const outcome = await deps.conversations.turn(message.conversationKey, message.ref, { kind: 'message', text: message.text });
  await post(deps.api, outcome.outputs, message.ref.conversationId, message.ref.threadTs);
}

/** Closes the clicked question (once, whoever clicks first) and answers the step if it is still open. */
export async function handleSlackChoice(click: SlackChoiceClick, deps: SlackHandlerDeps): Promise<void> {
  if (!(await deps.store.claimOnce(`slack:answered:${click.channel}:${click.messageTs}`, deps.now()))) return;
  await deps.api.update(renderAnsweredMessage(click.channel, click.messageTs, click.question, click.label, click.ref.userId ?? ''));
  const record = await deps.conversations.get(click.conversationKey);
  if (!record || expectedChoiceStep(record.state) !== click.stepId) return;
  const input = { kind: 'message', text: click.label, choice: click.choice } as const;
  const outcome = await deps.conversations.turn(click.conversationKey, click.ref, input);
  await post(deps.api, outcome.outputs, click.channel, click.threadTs);
}

async function post(api: SlackApi, outputs: Parameters<typeof renderSlackOutputs>[0], channel: string, threadTs?: string): Promise<void> {
  const target = threadTs ? { channel, threadTs } : { channel };
  for (const message of renderSlackOutputs(outputs, target)) await api.postMessage(message);
}
