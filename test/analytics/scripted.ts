/**
 * Customers for the analytics tests: the real conversation service, engine, flows and model over a memory
 * store, with a clock the test moves. Each customer types, clicks a choice by id, or lets a check-back fire.
 */
import { loadConfig } from '../../src/config.js';
import { createConversations, type Conversations, type TurnOutcome } from '../../src/conversation/service.js';
import { createTurnDeps } from '../../src/runtime/engine.js';
import { createMemoryStore } from '../../src/store/memory.js';
import type { ChannelId, Store } from '../../src/store/types.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface Customer {
  says(text: string): Promise<TurnOutcome>;
  clicks(choiceId: string): Promise<TurnOutcome>;
  /** Runs the scheduled check-back at its due time. */
  checkBack(): Promise<TurnOutcome | undefined>;
  last(): TurnOutcome | undefined;
}

export interface Scripted {
  store: Store;
  conversations: Conversations;
  clock: { now: number };
  /** A new customer on `channel`, starting now; `clicks` picks a choice of the step waiting for an answer. */
  customer(id: string, channel?: ChannelId): Customer;
}

/** A fresh store and service; `start` is the clock's first reading. */
export function scripted(start: number, store: Store = createMemoryStore()): Scripted {
  const clock = { now: start };
  const deps = createTurnDeps(loadConfig({ LOG_LEVEL: 'silent' }), () => clock.now);
  const conversations = createConversations({ store, deps });
  return {
    store,
    conversations,
    clock,
    customer(id, channel = 'directline') {
      const ref = { channel, conversationId: id };
      let last: TurnOutcome | undefined;
      const turn = async (outcome: Promise<TurnOutcome>) => (last = await outcome);
      return {
        says: (text) => turn(conversations.turn(id, ref, { kind: 'message', text })),
        clicks: (choiceId) => {
          // The waiting step's choices, also while a check-back is pending and the question is not shown yet.
          const state = last?.state;
          const step = state ? deps.flows.flows[state.flowId]?.steps.find((st) => st.id === state.stepId) : undefined;
          const choice = step?.kind === 'ask' ? step.choices.find((c) => c.id === choiceId) : undefined;
          if (!choice) throw new Error(`${id}: no choice "${choiceId}" was offered (last step ${last?.position.stepId})`);
          return turn(conversations.turn(id, ref, { kind: 'message', text: choice.label, choice: choice.id }));
        },
        async checkBack() {
          const due = (await store.dueFollowups(Number.MAX_SAFE_INTEGER, 1000)).find((f) => f.conversationId === id);
          if (!due) throw new Error(`${id}: no check-back is scheduled`);
          clock.now = Math.max(clock.now, due.dueAt);
          const outcome = await conversations.runFollowup(due);
          if (outcome) last = outcome;
          return outcome;
        },
        last: () => last,
      };
    },
  };
}
