/**
 * The single writer for each conversation: load -> runTurn -> persist -> hand outputs to the edge.
 * Channels call `turn`; it serialises turns per conversation in this process and uses the store's
 * compare-and-set so a second process (or a Durable Object replica) can never interleave a write.
 */
import { initialState, positionOf } from '../core/state.js';
import { runTurn } from '../core/run-turn.js';
import type { CheckKind, CheckResult, Output, TurnDeps, TurnInput, TurnResult } from '../core/types.js';
import type { ConversationRecord, ConversationRef, Store, StoredEvent } from '../store/types.js';
import { VersionConflictError } from '../store/types.js';

export interface ConversationsOptions {
  store: Store;
  deps: TurnDeps;
  /** Performs a live check the flow asked for; its result is fed back as another turn. */
  runCheck?: (check: CheckKind, target: string) => Promise<CheckResult>;
  /** Names of the configured handoff targets; each escalation is queued once per target. */
  handoffTargets?: string[];
  /** Called after a turn is persisted, e.g. to wake the delivery worker. */
  onPersisted?: (record: ConversationRecord, outputs: Output[]) => void;
}

export interface TurnOutcome extends TurnResult {
  record: ConversationRecord;
}

export interface Conversations {
  turn(id: string, ref: ConversationRef, input: TurnInput): Promise<TurnOutcome>;
  get(id: string): Promise<ConversationRecord | undefined>;
}

const MAX_CONFLICT_RETRIES = 5;

export function createConversations(options: ConversationsOptions): Conversations {
  const { store, deps } = options;
  const queues = new Map<string, Promise<unknown>>();

  function serialised<T>(id: string, work: () => Promise<T>): Promise<T> {
    const previous = queues.get(id) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    queues.set(id, settled);
    void settled.then(() => {
      if (queues.get(id) === settled) queues.delete(id);
    });
    return next;
  }

  async function attempt(id: string, ref: ConversationRef, input: TurnInput): Promise<TurnOutcome> {
    const stored = await store.getConversation(id);
    const now = deps.now();
    let state = stored?.state ?? initialState(deps.flows, now);
    const outputs: Output[] = [];
    let result = runTurn(state, input, deps);
    outputs.push(...result.outputs);
    for (const output of result.outputs) {
      if (output.kind !== 'check' || !options.runCheck) continue;
      const checked = await options.runCheck(output.check, output.target);
      result = runTurn(result.state, { kind: 'check_result', result: checked }, deps);
      outputs.push(...result.outputs);
    }
    state = result.state;
    const record: ConversationRecord = {
      id,
      ref: { ...stored?.ref, ...ref },
      state,
      version: (stored?.version ?? 0) + 1,
      createdAt: stored?.createdAt ?? now,
      updatedAt: now,
    };
    await store.putConversation(record, stored?.version ?? 0);
    await applySideEffects(record, outputs);
    return { ...result, outputs, position: positionOf(state, deps.flows), record };
  }

  async function applySideEffects(record: ConversationRecord, outputs: Output[]): Promise<void> {
    const events: StoredEvent[] = [];
    for (const output of outputs) {
      if (output.kind === 'schedule') {
        await store.putFollowup({ id: output.followupId, conversationId: record.id, dueAt: output.at, text: output.text });
      } else if (output.kind === 'cancel_schedule') {
        await store.cancelFollowup(output.followupId);
      } else if (output.kind === 'log') {
        events.push({ ...output.event, conversationId: record.id, channel: record.ref.channel });
      } else if (output.kind === 'handoff') {
        for (const target of options.handoffTargets ?? []) {
          await store.enqueueDelivery({
            id: `${record.id}:${output.case.escalatedAt}:${target}`,
            conversationId: record.id,
            target,
            payload: { ref: record.ref, case: output.case },
            attempts: 0,
            nextAt: deps.now(),
          });
        }
      }
    }
    if (events.length > 0) await store.appendEvents(events);
    options.onPersisted?.(record, outputs);
  }

  async function turnWithRetry(id: string, ref: ConversationRef, input: TurnInput): Promise<TurnOutcome> {
    for (let tries = 0; ; tries += 1) {
      try {
        return await attempt(id, ref, input);
      } catch (error) {
        if (!(error instanceof VersionConflictError) || tries >= MAX_CONFLICT_RETRIES) throw error;
      }
    }
  }

  return {
    turn: (id, ref, input) => serialised(id, () => turnWithRetry(id, ref, input)),
    get: (id) => store.getConversation(id),
  };
}
