/**
 * The slow half of a Teams request, run after the 200: welcome, typing, the turn, replies, card updates.
 * Each step that must happen once (welcome, answering one card) is claimed in the store first.
 */
import type { Conversations } from '../../conversation/service.js';
import type { TurnInput } from '../../core/types.js';
import type { Store } from '../../store/types.js';
import type { HandoffState, ParsedActivity } from './activity.js';
import { teamsConversation, type TeamsCredentials } from './connector.js';
import { renderAnsweredCard, renderTeamsOutputs } from './render.js';
import { expectedChoiceStep } from '../../core/state.js';

/** What the background half needs: the engine, the store for once-only claims, and connector credentials. */
export interface TeamsHandlerDeps {
  conversations: Conversations;
  store: Store;
  credentials: TeamsCredentials;
  now(): number;
}

/** The turn a `handoff.status` state means: an agent takes over, hands back with nothing new, or none came. */
function handoffInput(state: HandoffState, message: string | undefined): TurnInput {
  const note = message ? { note: message } : {};
  if (state === 'accepted') return { kind: 'agent_takeover', ...note };
  if (state === 'completed') return { kind: 'agent_handoff', known: { ...note } };
  return { kind: 'agent_unavailable', ...note };
}

/** Acts on one authenticated, deduplicated activity. */
export async function handleTeamsActivity(parsed: ParsedActivity, deps: TeamsHandlerDeps): Promise<void> {
  const { event, ref, conversationKey, activity } = parsed;
  const conversation = await teamsConversation(deps.credentials, ref);
  // Teams shows typing in personal and group chats only; a failed indicator must not cost the reply.
  const typing = async () => {
    if (activity.conversation.conversationType === 'channel') return;
    await conversation.send({ type: 'typing' }).catch(() => undefined);
  };

  if (event.kind === 'welcome') {
    // Teams announces one install with both conversationUpdate and installationUpdate.
    if (!(await deps.store.claimOnce(`msteams:welcome:${ref.conversationId}`, deps.now()))) return;
    const outcome = await deps.conversations.turn(conversationKey, ref, { kind: 'start' });
    for (const reply of renderTeamsOutputs(outcome.outputs)) await conversation.send(reply);
    return;
  }

  if (event.kind === 'handoff_status') {
    const outcome = await deps.conversations.turn(conversationKey, ref, handoffInput(event.state, event.message));
    for (const reply of renderTeamsOutputs(outcome.outputs)) await conversation.send(reply);
    return;
  }

  if (event.kind === 'message') {
    await typing();
    const outcome = await deps.conversations.turn(conversationKey, ref, { kind: 'message', text: event.text });
    for (const reply of renderTeamsOutputs(outcome.outputs)) await conversation.reply(activity.id, reply);
    return;
  }

  if (event.kind === 'choice') {
    const { answer, cardActivityId } = event;
    if (cardActivityId) {
      // A double click, or a second person clicking the same card in a channel, answers nothing more.
      if (!(await deps.store.claimOnce(`msteams:card:${ref.conversationId}:${cardActivityId}`, deps.now()))) return;
      await conversation.update(cardActivityId, renderAnsweredCard(answer.question, answer.label));
    }
    const record = await deps.conversations.get(conversationKey);
    if (!record || expectedChoiceStep(record.state) !== answer.stepId) return;
    await typing();
    const input = { kind: 'message', text: answer.label, choice: answer.choice } as const;
    const outcome = await deps.conversations.turn(conversationKey, ref, input);
    for (const reply of renderTeamsOutputs(outcome.outputs)) await conversation.reply(activity.id, reply);
  }
}
