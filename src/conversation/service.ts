/**
 * The single writer for each conversation: load -> runTurn -> persist -> hand outputs to the edge.
 * Channels call `turn`; it serialises turns per conversation in this process and uses the store's
 * compare-and-set so a second process (or a Durable Object replica) can never interleave a write.
 */
import { initialState, positionOf } from '../core/state.js';
import { runTurn } from '../core/run-turn.js';
import type {
  CheckKind, CheckResult, ConversationState, Output, TranscriptEntry, TurnDeps, TurnInput, TurnResult,
} from '../core/types.js';
import type { Logger } from '../log.js';
import type { ConversationRecord, ConversationRef, Followup, Store } from '../store/types.js';
import { VersionConflictError } from '../store/types.js';
import { recoverFromFailure, wordsOf } from './recover.js';
import { completeCases, moveTranscript, transcriptOf } from './transcript.js';
import { rememberKey, writesOf } from './writes.js';

/** What the service is built from; only `store` and `deps` are required. */
export interface ConversationsOptions {
  store: Store;
  deps: TurnDeps;
  /** Performs a live check the flow asked for; its result is fed back as another turn. */
  runCheck?: (check: CheckKind, target: string) => Promise<CheckResult>;
  /** Names of the configured handoff targets; each escalation is queued once per target. */
  handoffTargets?: string[];
  /** Names of the configured agents' desks (Slack, Teams); what a turn shows the desk is queued once per desk. */
  deskTargets?: string[];
  /** Called after a turn is persisted with how many deliveries it queued, e.g. to wake the delivery worker. */
  onPersisted?: (record: ConversationRecord, outputs: Output[], queued: number) => void;
  /** Where engine failures that were answered with an apology are reported. */
  log?: Logger;
}

/** A persisted turn: the engine's result plus the record as stored. */
export interface TurnOutcome extends TurnResult {
  record: ConversationRecord;
  /** Set when the engine threw: the user's words were kept and `outputs` is the apology. */
  failure?: string;
  /** Set when the turn's key was applied before: nothing ran or was written, and `outputs` is empty. */
  duplicate?: true;
}

/** How to run one turn beyond its input. */
export interface TurnOptions {
  /**
   * The platform's id for this input (a Slack message, a Teams activity). A key already applied to the
   * conversation makes the turn a no-op, decided in the same atomic write as the turn.
   */
  key?: string;
  /**
   * Queue the turn's replies for the user's own channel in the turn's write: for turns nobody on that channel
   * is waiting on (an agent's message or hand-back), so they reach the user even after a crash.
   */
  deliverToUser?: boolean;
}

/** Channel activities a turn appends to the conversation's log, written in the same atomic write as the turn. */
export interface TurnLogEntries {
  activities: unknown[];
  /** Labels the first activity so the channel can find it again (see Store.findActivity). */
  key?: string;
}

/** Renders a turn's log entries from its outcome; called inside the single-writer section, before the write. */
export type TurnLog = (outcome: TurnOutcome) => TurnLogEntries;

/** The one way channels and the scheduler run turns. */
export interface Conversations {
  /** Runs and persists one turn; with `log`, the activities it renders are stored atomically with the turn. */
  turn(id: string, ref: ConversationRef, input: TurnInput, log?: TurnLog, options?: TurnOptions): Promise<TurnOutcome>;
  /**
   * Runs a due follow-up as a `followup` turn, or cancels it without a turn when the conversation no longer
   * waits for it (it is gone, or its state names another follow-up). Resolves undefined when cancelled.
   */
  runFollowup(followup: Followup): Promise<TurnOutcome | undefined>;
  get(id: string): Promise<ConversationRecord | undefined>;
  /** The whole transcript of a conversation, oldest first (it is kept beside the state, see transcript.ts). */
  transcript(id: string): Promise<TranscriptEntry[]>;
}

const MAX_CONFLICT_RETRIES = 10;

/** Builds the conversation service over one store and one set of turn dependencies. */
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

  async function withConflictRetry<T>(work: () => Promise<T>): Promise<T> {
    for (let tries = 0; ; tries += 1) {
      try {
        return await work();
      } catch (error) {
        if (!(error instanceof VersionConflictError) || tries >= MAX_CONFLICT_RETRIES) throw error;
        // Two writers that retry in step collide again (their commits are grouped per event-loop pass): spread them.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** tries, 50)));
      }
    }
  }

  // The engine is told whether its `check` outputs will be answered, so it never waits on a check that won't run.
  const turnDeps: TurnDeps = { ...deps, liveChecks: Boolean(options.runCheck) };

  async function compute(state: ConversationState, input: TurnInput): Promise<Omit<TurnResult, 'position'>> {
    const { runCheck } = options;
    const first = runTurn(state, input, turnDeps);
    if (!runCheck) return first;
    let result = first;
    const outputs = [...result.outputs];
    const trace = [...result.trace];
    // A check result may ask for another check (the recipient's MX, then its mail server's greeting).
    const queue = result.outputs.filter((o) => o.kind === 'check');
    for (let output = queue.shift(); output; output = queue.shift()) {
      const { check, target } = output;
      // A check that cannot run (DNS down, timeout) is still an answer the flow can act on.
      const checked = await runCheck(check, target).catch(
        (error: unknown): CheckResult => ({ check, target, ok: false, details: [], error: String(error), lookupFailed: true }),
      );
      result = runTurn(result.state, { kind: 'check_result', result: checked }, turnDeps);
      outputs.push(...result.outputs);
      trace.push(...result.trace);
      queue.push(...result.outputs.filter((o) => o.kind === 'check'));
    }
    return Object.assign({}, result, { understood: first.understood, ...(first.classification ? { classification: first.classification } : {}), outputs, trace });
  }

  async function commit(
    id: string, ref: ConversationRef, input: TurnInput, stored: ConversationRecord | undefined, log?: TurnLog, turnOptions: TurnOptions = {},
  ): Promise<TurnOutcome> {
    const now = deps.now();
    const before = stored?.state ?? initialState(deps.flows, now);
    const { key } = turnOptions;
    if (stored && key !== undefined && before.inputKeys?.includes(key)) {
      return { state: before, outputs: [], position: positionOf(before, deps.flows), understood: false, trace: [], record: stored, duplicate: true };
    }
    let result: Omit<TurnResult, 'position'>;
    let failure: string | undefined;
    try {
      result = await compute(before, input);
    } catch (error) {
      const words = wordsOf(input);
      if (words === undefined) throw error;
      failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      options.log?.error('turn failed; kept the message and apologised', { conversationId: id, error: failure });
      result = recoverFromFailure(before, words, now);
    }
    if (key !== undefined) rememberKey(result.state, key);
    const { state, lines } = moveTranscript(result.state);
    await completeCases(store, id, before, result.outputs);
    const record: ConversationRecord = {
      id,
      ref: { ...stored?.ref, ...ref },
      state,
      version: (stored?.version ?? 0) + 1,
      createdAt: stored?.createdAt ?? now,
      updatedAt: now,
    };
    // Object.assign here and below: a spread followed by more properties takes V8's slow path on Node 20 (~1.5 µs).
    const outcome: TurnOutcome = Object.assign({}, result, { position: positionOf(result.state, deps.flows), record });
    if (failure !== undefined) outcome.failure = failure;
    const entries = log?.(outcome);
    const writes = writesOf(record, result.outputs, input, {
      now: deps.now(),
      handoffTargets: options.handoffTargets ?? [],
      deskTargets: options.deskTargets ?? [],
      deliverToUser: turnOptions.deliverToUser === true,
      position: outcome.position,
    });
    await store.commitTurn(Object.assign(writes, {
      expectedVersion: stored?.version ?? 0,
      ...(entries?.activities.length ? { activities: entries.activities } : {}),
      ...(entries?.key !== undefined ? { activityKey: entries.key } : {}),
      ...(lines.length ? { transcript: lines } : {}),
    }));
    options.onPersisted?.(record, result.outputs, writes.deliveries?.length ?? 0);
    return outcome;
  }

  async function followupTurn(followup: Followup): Promise<TurnOutcome | undefined> {
    const outcome = await withConflictRetry(async () => {
      const stored = await store.getConversation(followup.conversationId);
      if (!stored || stored.state.followupId !== followup.id) return undefined;
      return commit(stored.id, stored.ref, { kind: 'followup', followupId: followup.id }, stored);
    });
    const rescheduled = outcome?.outputs.some((o) => o.kind === 'schedule' && o.followupId === followup.id);
    if (!rescheduled) await store.cancelFollowup(followup.id);
    return outcome;
  }

  return {
    turn: (id, ref, input, log, turnOptions) =>
      serialised(id, () => withConflictRetry(async () => commit(id, ref, input, await store.getConversation(id), log, turnOptions))),
    runFollowup: (followup) => serialised(followup.conversationId, () => followupTurn(followup)),
    get: (id) => store.getConversation(id),
    transcript: (id) => transcriptOf(store, id),
  };
}
