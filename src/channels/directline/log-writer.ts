/**
 * The single writer of each Direct Line activity log. Turns and appends for one conversation run one after
 * another, so activity ids follow log order and a poll sees every activity exactly once.
 */
import type { Output, Position, TurnInput } from '../../core/types.js';
import type { AppDeps } from '../../http/deps.js';
import type { ConversationRef } from '../../store/types.js';
import type { ClientActivity } from './activity.js';
import { choiceFromText, echoUserActivity, renderReplies, type Activity, type RenderContext } from './render.js';

/** Everything after this index is unread; MAX_SAFE_INTEGER asks the store for just the count. */
const COUNT_ONLY = Number.MAX_SAFE_INTEGER;

/** The user a Direct Line activity is from (bound by the token, else as the client says). */
export interface DirectLineUser {
  id: string;
  name?: string;
}

/** Everything that writes a conversation's activity log goes through one of these. */
export interface LogWriter {
  /** Runs the turn for a posted activity and appends the echo and the replies; resolves with the echo's id once stored. */
  post(conversationId: string, user: DirectLineUser, activity: ClientActivity): Promise<string>;
  /** Runs the opening turn (the greeting) and appends its replies. */
  start(conversationId: string, user: DirectLineUser): Promise<void>;
  /** Appends bot messages for outputs produced outside a user's turn (follow-ups, agents). */
  deliver(conversationId: string, user: DirectLineUser, outputs: Output[], position: Position): Promise<void>;
}

/** Builds the writer over the app's store and conversation service. */
export function createLogWriter(deps: Pick<AppDeps, 'store' | 'conversations' | 'now'>): LogWriter {
  const queues = new Map<string, Promise<unknown>>();

  function inOrder<T>(id: string, work: () => Promise<T>): Promise<T> {
    const next = (queues.get(id) ?? Promise.resolve()).then(work, work);
    const settled = next.catch(() => undefined);
    queues.set(id, settled);
    void settled.then(() => {
      if (queues.get(id) === settled) queues.delete(id);
    });
    return next;
  }

  const refOf = (conversationId: string, user: DirectLineUser): ConversationRef => ({
    channel: 'directline',
    conversationId,
    userId: user.id,
    ...(user.name ? { userName: user.name } : {}),
  });
  const contextOf = (conversationId: string, user: DirectLineUser): RenderContext => ({ conversationId, user, at: deps.now() });

  async function turnAndAppend(
    conversationId: string,
    user: DirectLineUser,
    watermark: number,
    input: TurnInput,
    echo?: ClientActivity,
  ): Promise<string | undefined> {
    const outcome = await deps.conversations.turn(conversationId, refOf(conversationId, user), input);
    const ctx = contextOf(conversationId, user);
    const added: Activity[] = [];
    if (echo) added.push(echoUserActivity(echo, ctx, watermark));
    added.push(...renderReplies(outcome.outputs, outcome.position, ctx, watermark + added.length, added[0]?.id));
    if (added.length > 0) await deps.store.appendActivities(conversationId, added);
    return added[0]?.id;
  }

  async function append(conversationId: string, render: (watermark: number) => Activity[]): Promise<Activity[]> {
    const { watermark } = await deps.store.getActivities(conversationId, COUNT_ONLY);
    const added = render(watermark);
    if (added.length > 0) await deps.store.appendActivities(conversationId, added);
    return added;
  }

  return {
    post: (conversationId, user, activity) =>
      inOrder(conversationId, async () => {
        if (activity.type !== 'message') {
          const [echo] = await append(conversationId, (at) => [echoUserActivity(activity, contextOf(conversationId, user), at)]);
          return echo!.id;
        }
        const { activities, watermark } = await deps.store.getActivities(conversationId, 0);
        const text = activity.text ?? '';
        const choice = choiceFromText(activities, text);
        const input: TurnInput = { kind: 'message', text, ...(choice ? { choice } : {}) };
        return (await turnAndAppend(conversationId, user, watermark, input, activity))!;
      }),
    start: (conversationId, user) =>
      inOrder(conversationId, async () => {
        const { watermark } = await deps.store.getActivities(conversationId, COUNT_ONLY);
        await turnAndAppend(conversationId, user, watermark, { kind: 'start' });
      }),
    deliver: (conversationId, user, outputs, position) =>
      inOrder(conversationId, async () => {
        await append(conversationId, (at) => renderReplies(outputs, position, contextOf(conversationId, user), at));
      }),
  };
}
