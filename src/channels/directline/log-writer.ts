/**
 * The single writer of each Direct Line activity log. Turns and appends for one conversation run one after
 * another, so activity ids follow log order and a poll sees every activity exactly once.
 */
import type { Output, Position, TurnInput } from '../../core/types.js';
import type { TurnLogEntries } from '../../conversation/service.js';
import type { AppDeps } from '../../http/deps.js';
import type { ConversationRef } from '../../store/types.js';
import type { ClientActivity } from './activity.js';
import { createLatestBotMessages } from './latest-bot-message.js';
import { choiceFromText, echoUserActivity, renderReplies, type Activity, type RenderContext } from './render.js';

/** How much of the log's tail is read to find the latest bot message (the buttons a typed label may match). */
const RECENT = 4;

/** How many conversations' latest bot message the writer keeps, so a typed reply need not read the log. */
const REMEMBERED = 5_000;

/** The key a client's own activity id is stored under (Web Chat's "Retry" sends the same one again). */
function clientIdOf(activity: ClientActivity): string | undefined {
  const id = activity.channelData?.clientActivityID;
  return typeof id === 'string' && id !== '' ? `client:${id}` : undefined;
}

function isBotMessage(activity: unknown): boolean {
  const { type, from } = activity as Partial<Activity>;
  return type === 'message' && (from as { role?: string } | undefined)?.role === 'bot';
}

/** The user a Direct Line activity is from (bound by the token, else as the client says). */
export interface DirectLineUser {
  id: string;
  name?: string;
}

/** Everything that writes a conversation's activity log goes through one of these. */
export interface LogWriter {
  /**
   * Runs the turn for a posted activity and appends the echo and the replies in the same write as the turn;
   * resolves with the echo's id once stored. A message whose `channelData.clientActivityID` is already in the
   * log (a client's retry) is answered with the stored echo's id and not run again.
   */
  post(conversationId: string, user: DirectLineUser, activity: ClientActivity): Promise<string>;
  /** Runs the opening turn (the greeting) and appends its replies. */
  start(conversationId: string, user: DirectLineUser): Promise<void>;
  /** Appends bot messages for outputs produced outside a user's turn (follow-ups, agents). */
  deliver(conversationId: string, user: DirectLineUser, outputs: Output[], position: Position): Promise<void>;
}

/** Builds the writer over the app's store and conversation service. */
export function createLogWriter(deps: Pick<AppDeps, 'store' | 'conversations' | 'now'>): LogWriter {
  const queues = new Map<string, Promise<unknown>>();
  const latest = createLatestBotMessages(REMEMBERED);

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
    const ctx = contextOf(conversationId, user);
    let rendered: Activity[] | undefined;
    await deps.conversations.turn(conversationId, refOf(conversationId, user), input, (outcome): TurnLogEntries => {
      const added: Activity[] = [];
      if (echo) added.push(echoUserActivity(echo, ctx, watermark));
      added.push(...renderReplies(outcome.outputs, outcome.position, ctx, watermark + added.length, added[0]?.id));
      rendered = added;
      const key = echo && clientIdOf(echo);
      return { activities: added, ...(key !== undefined ? { key } : {}) };
    });
    // A wrapper of the service that drops the callback would lose the whole log silently: fail loudly instead.
    if (!rendered) throw new Error('the conversation service ran the turn without writing its Direct Line activities');
    latest.appended(conversationId, watermark, rendered);
    return rendered[0]?.id;
  }

  /**
   * The tail of the log that holds the latest bot message: remembered from this writer's own appends while the log
   * has not grown since (another process may write it too), else read, further back when the recent tail has none.
   */
  async function withLatestBotMessage(conversationId: string): Promise<{ activities: unknown[]; watermark: number }> {
    const { watermark } = await deps.store.recentActivities(conversationId, 0);
    const remembered = latest.at(conversationId, watermark);
    if (remembered) return { activities: remembered, watermark };
    const recent = await deps.store.recentActivities(conversationId, RECENT);
    if (recent.activities.some(isBotMessage) || recent.watermark <= recent.activities.length) return recent;
    return deps.store.getActivities(conversationId, 0);
  }

  async function append(conversationId: string, render: (watermark: number) => Activity[]): Promise<Activity[]> {
    const { watermark } = await deps.store.recentActivities(conversationId, 0);
    const added = render(watermark);
    if (added.length > 0) await deps.store.appendActivities(conversationId, added);
    latest.appended(conversationId, watermark, added);
    return added;
  }

  return {
    post: (conversationId, user, activity) =>
      inOrder(conversationId, async () => {
        if (activity.type !== 'message') {
          const [echo] = await append(conversationId, (at) => [echoUserActivity(activity, contextOf(conversationId, user), at)]);
          return echo!.id;
        }
        const key = clientIdOf(activity);
        const sent = key === undefined ? undefined : await deps.store.findActivity(conversationId, key);
        if (sent) return (sent as Activity).id;
        const { activities, watermark } = await withLatestBotMessage(conversationId);
        const text = activity.text ?? '';
        const choice = choiceFromText(activities, text);
        const input: TurnInput = { kind: 'message', text, ...(choice ? { choice } : {}) };
        return (await turnAndAppend(conversationId, user, watermark, input, activity))!;
      }),
    start: (conversationId, user) =>
      inOrder(conversationId, async () => {
        const { watermark } = await deps.store.recentActivities(conversationId, 0);
        await turnAndAppend(conversationId, user, watermark, { kind: 'start' });
      }),
    deliver: (conversationId, user, outputs, position) =>
      inOrder(conversationId, async () => {
        await append(conversationId, (at) => renderReplies(outputs, position, contextOf(conversationId, user), at));
      }),
  };
}
