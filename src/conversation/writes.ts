/**
 * What a turn writes besides the conversation's record, all in the same commit: follow-ups, analytics events,
 * cases for agents, what the agents' desks should show, and replies queued for the user's channel.
 */
import { storedEventOf } from '../analytics/unsure.js';
import type { ConversationState, Output, Position, TurnInput } from '../core/types.js';
import type { ConversationRecord, Delivery, Followup, StoredEvent, TurnWrite } from '../store/types.js';

/** The delivery target of replies queued for the user's own channel. */
export const USER_TARGET = 'user';

/** How many applied input keys a conversation remembers; redeliveries come within minutes, not hundreds of inputs later. */
const KEYS_KEPT = 50;

/** What `writesOf` needs besides the turn. */
export interface WriteOptions {
  now: number;
  handoffTargets: string[];
  deskTargets: string[];
  deliverToUser: boolean;
  /** Where the conversation stands after the turn (Direct Line carries it on every reply). */
  position: Position;
}

/** The payload of a desk delivery: the lines and the agent's action, as the engine gave them. */
export type DeskPayload = Omit<Extract<Output, { kind: 'desk' }>, 'kind'>;

/** The payload of a reply queued for the user: what to show, and where the conversation stands. */
export interface UserPayload {
  outputs: Output[];
  position: Position;
}

/** Remembers an applied input key on the state that is about to be written. */
export function rememberKey(state: ConversationState, key: string): void {
  state.inputKeys = [...(state.inputKeys ?? []), key].slice(-KEYS_KEPT);
}

function delivery(record: ConversationRecord, target: string, suffix: string, payload: unknown, now: number): Delivery {
  return { id: `${record.id}:${suffix}:${target}`, conversationId: record.id, target, payload, attempts: 0, nextAt: now };
}

/** The store writes a turn's outputs ask for; a follow-up scheduled then cancelled in one turn ends cancelled. */
export function writesOf(
  record: ConversationRecord, outputs: Output[], input: TurnInput, options: WriteOptions,
): Omit<TurnWrite, 'expectedVersion'> {
  const followups = new Map<string, Followup | undefined>();
  const deliveries: Delivery[] = [];
  const events: StoredEvent[] = [];
  // Each write has its own record version, so ids made from it never collide with another turn's.
  const turnId = `v${record.version}`;
  for (const output of outputs) {
    if (output.kind === 'schedule') {
      followups.set(output.followupId, { id: output.followupId, conversationId: record.id, dueAt: output.at, text: output.text });
    } else if (output.kind === 'cancel_schedule') {
      followups.set(output.followupId, undefined);
    } else if (output.kind === 'log') {
      events.push(storedEventOf(output.event, record, input));
    } else if (output.kind === 'handoff') {
      const payload = { ref: record.ref, case: output.case };
      for (const target of options.handoffTargets) deliveries.push(delivery(record, target, String(output.case.escalatedAt), payload, options.now));
    } else if (output.kind === 'desk') {
      const payload: DeskPayload = { lines: output.lines, ...(output.action ? { action: output.action } : {}) };
      for (const target of options.deskTargets) deliveries.push(delivery(record, target, turnId, payload, options.now));
    }
  }
  const shown = outputs.filter((o) => o.kind === 'say' || o.kind === 'ask');
  if (options.deliverToUser && shown.length > 0) {
    const payload: UserPayload = { outputs: shown, position: options.position };
    deliveries.push(delivery(record, USER_TARGET, turnId, payload, options.now));
  }
  const scheduled = [...followups.values()].filter((f): f is Followup => f !== undefined);
  const cancelled = [...followups].filter(([, f]) => f === undefined).map(([followupId]) => followupId);
  return {
    record,
    ...(scheduled.length ? { followups: scheduled } : {}),
    ...(cancelled.length ? { cancelFollowups: cancelled } : {}),
    ...(deliveries.length ? { deliveries } : {}),
    ...(events.length ? { events } : {}),
  };
}
