/** Turns engine outputs into Direct Line activities, and echoes the user's own activity into the log. */
import type { Output, Position } from '../../core/types.js';
import type { ClientActivity } from './activity.js';

/** The bot's account on every reply. */
export const BOT_ACCOUNT = { id: 'softbounce', name: 'Mail support', role: 'bot' } as const;

/** One activity as stored in the log and returned to clients. */
export type Activity = Record<string, unknown> & { id: string; type: string };

/** Whom a batch of activities is for, and when it was made. */
export interface RenderContext {
  conversationId: string;
  user: { id: string; name?: string };
  at: number;
}

/** Direct Line style ids: `<conversationId>|<zero-padded sequence>`, so ids sort in log order. */
export function activityId(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

/**
 * The user's activity as the log keeps it: the server id, and the client's channelData (Web Chat matches its
 * clientActivityID). Built with Object.assign, not a spread followed by more properties: on Node 20 that literal
 * takes V8's slow path, ~1.5 µs against ~0.1 µs, on every turn.
 */
export function echoUserActivity(activity: ClientActivity, ctx: RenderContext, seq: number): Activity {
  return Object.assign({}, activity, {
    id: activityId(ctx.conversationId, seq),
    timestamp: new Date(ctx.at).toISOString(),
    channelId: 'directline',
    conversation: { id: ctx.conversationId },
    from: Object.assign({}, ctx.user, { role: 'user' }),
    recipient: { id: BOT_ACCOUNT.id, name: BOT_ACCOUNT.name, role: 'bot' },
  });
}

/** Bot messages for the `say` and `ask` outputs; every one carries the conversation's position. */
export function renderReplies(outputs: Output[], position: Position, ctx: RenderContext, firstSeq: number, replyToId?: string): Activity[] {
  const shown = outputs.filter((o): o is Extract<Output, { kind: 'say' | 'ask' }> => o.kind === 'say' || o.kind === 'ask');
  return shown.map((output, index) => ({
    type: 'message',
    id: activityId(ctx.conversationId, firstSeq + index),
    timestamp: new Date(ctx.at).toISOString(),
    channelId: 'directline',
    conversation: { id: ctx.conversationId },
    from: { ...BOT_ACCOUNT },
    recipient: Object.assign({}, ctx.user, { role: 'user' }),
    text: output.text,
    textFormat: 'markdown',
    inputHint: output.kind === 'ask' ? 'expectingInput' : 'acceptingInput',
    ...(replyToId ? { replyToId } : {}),
    ...(output.kind === 'ask' && output.choices.length > 0
      ? {
          // No `to`: the greeting is rendered before Web Chat has told us its user id.
          suggestedActions: {
            // The choice id rides along so a click maps back to it; Web Chat sends only `value` as text.
            actions: output.choices.map((c) => ({ type: 'imBack', title: c.label, value: c.label, channelData: { choiceId: c.id } })),
          },
        }
      : {}),
    channelData: { softbounce: { ...position } },
  }));
}

/** The id of the choice whose label the user sent, judged against the latest bot message's buttons. */
export function choiceFromText(log: unknown[], text: string): string | undefined {
  const wanted = text.trim().toLowerCase();
  for (let i = log.length - 1; i >= 0; i -= 1) {
    const activity = log[i] as Partial<Activity> & { suggestedActions?: { actions?: unknown[] } };
    if ((activity.from as { role?: string } | undefined)?.role !== 'bot' || activity.type !== 'message') continue;
    for (const action of activity.suggestedActions?.actions ?? []) {
      const { title, channelData } = action as { title?: string; channelData?: { choiceId?: string } };
      if (title?.trim().toLowerCase() === wanted && channelData?.choiceId) return channelData.choiceId;
    }
    return undefined;
  }
  return undefined;
}
