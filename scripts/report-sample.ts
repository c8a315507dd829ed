/**
 * Scripted customers for `npm run report -- --sample N`: N conversations run through the real engine, flows
 * and intent model into a store, spread over the days before `to` with a controlled clock. A seeded random
 * source makes the same N and seed give the same conversations. Each customer opens with a problem, then
 * clicks or types answers, now and then writes something unclear, asks for a person, waits for the
 * check-back, says thanks, or simply stops answering. Escalated cases are worked by scripted agents through the
 * same actions as the Slack and Teams desks: most are taken and answered, then handed back at a check or closed.
 */
import { createAgentActions } from '../src/channels/agents/actions.js';
import type { Config } from '../src/config.js';
import { createConversations, type TurnOutcome } from '../src/conversation/service.js';
import type { TurnInput } from '../src/core/types.js';
import type { FlowChoice, Step } from '../src/flows/schema.js';
import { createTurnDeps } from '../src/runtime/engine.js';
import type { ChannelId, Store } from '../src/store/types.js';

/** What to generate. */
export interface SampleOptions {
  count: number;
  /** The end of the period; conversations start within `days` before it. */
  to: number;
  days: number;
  seed: number;
}

const OPENERS: [string, number][] = [
  ['My emails to Gmail keep coming back with 421, try again later', 6],
  ['421 4.7.0 Try again later, closing connection', 4],
  ['Mail delivery delayed: 421 4.4.5 Too many connections from your host', 3],
  ['Getting "421 4.3.2 Server busy" when I send to outlook.com', 3],
  ['421 Service not available, closing transmission channel', 2],
  ['my mail is stuck and keeps getting deferred', 3],
  ['emails to one client bounce back with a temporary error', 2],
  ['Delivery failed: 550 5.1.1 user unknown', 2],
  ['554 5.7.1 message rejected as spam', 1],
  ['Help, mail from anna@example.com to my customer is delayed since 10.1.2.3 changed', 1],
  ['mail thing broken again pls', 2],
  ['outbox weird stuff going on with the sending', 1],
  ['can you reset my wordpress password', 1],
];

const UNCLEAR = ['hmm', 'the thing with the stuff', 'idk what that means lol', 'wait what', 'whatever works', 'maybe kinda', 'erm the blue one?', 'ask my IT guy, he is on holiday'];
const CHANNELS: [ChannelId, number][] = [['directline', 6], ['msteams', 2.5], ['slack', 1.5]];
const AGENTS: [string, number][] = [['Ana', 3], ['Ben', 2], ['Cat', 1]];
/** The checks an agent hands back at, by weight (the test email and the log most often). */
const HAND_BACK_AT: [string, number][] = [['sending_volume', 1], ['recipient_server', 1], ['test_email', 3], ['delivery_logs', 2]];
/** How the customers' situations are spread, by step: the weight of each choice id. */
const CHOICE_WEIGHTS: Record<string, Record<string, number>> = {
  confirm_error: { no_error: 3 },
  wait_and_retry: { just_now: 3, within_hour: 2, few_hours: 2, over_four_hours: 2, since_yesterday: 2 },
  retry_check: { delivered: 5, still_failing: 4 },
  test_email: { works: 3, fails: 4 },
  delivery_logs: { deferred: 5, failed: 2, not_found: 2 },
  still_failing: { still_failing: 3, delivered: 3 },
};

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function weighted<T>(rand: () => number, items: [T, number][]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let pick = rand() * total;
  for (const [item, w] of items) if ((pick -= w) < 0) return item;
  return items.at(-1)![0];
}

/** Runs the sample conversations into `store`; returns how many turns were run. */
export async function runSampleConversations(store: Store, config: Config, options: SampleOptions): Promise<number> {
  const rand = random(options.seed);
  let clock = 0;
  const deps = { ...createTurnDeps(config, () => clock), newId: () => `sample-${Math.floor(rand() * 1e12).toString(36)}` };
  const conversations = createConversations({ store, deps });
  const agents = createAgentActions(conversations);
  const flow = deps.flows.flows[deps.flows.defaultFlowId]!;
  let turns = 0;

  for (let i = 0; i < options.count; i += 1) {
    clock = options.to - options.days * 86_400_000 + Math.floor(rand() * (options.days * 86_400_000 - 3_600_000));
    const id = `sample-${options.seed}-${i}`;
    const ref = { channel: weighted(rand, CHANNELS), conversationId: id };
    const say = async (input: TurnInput): Promise<TurnOutcome> => {
      turns += 1;
      return conversations.turn(id, ref, input);
    };
    if (ref.channel === 'directline') await say({ kind: 'start' });
    let outcome = await say({ kind: 'message', text: weighted(rand, OPENERS) });
    for (let step = 0; step < 14; step += 1) {
      clock += Math.floor(60_000 + rand() * 300_000);
      const { state } = outcome;
      if (state.status === 'escalated') {
        await agentsWork(id);
        break;
      }
      if (state.status === 'resolved' || state.status === 'routed') {
        if (rand() < 0.3) await say({ kind: 'message', text: 'thanks!' });
        break;
      }
      if (rand() < 0.07 || !state.stepId) break;
      if (state.status === 'waiting_followup' && state.followupId && rand() < 0.6) {
        const due = (await store.dueFollowups(Number.MAX_SAFE_INTEGER, 10_000)).find((f) => f.id === state.followupId);
        if (due) {
          clock = Math.max(clock, due.dueAt);
          turns += 1;
          outcome = (await conversations.runFollowup(due)) ?? outcome;
          continue;
        }
      }
      const roll = rand();
      if (roll < 0.03) outcome = await say({ kind: 'message', text: 'I want to talk to a person' });
      else if (roll < 0.09) outcome = await say({ kind: 'message', text: UNCLEAR[Math.floor(rand() * UNCLEAR.length)]! });
      else outcome = await say(answer(flow.steps.find((s) => s.id === state.stepId)));
    }
  }
  return turns;

  /** An escalated case: taken after a while (or never), answered, then handed back at a check, closed or left open. */
  async function agentsWork(id: string): Promise<void> {
    if (rand() >= 0.85) return;
    const agent = weighted(rand, AGENTS);
    clock += Math.floor(120_000 + rand() * 2_400_000);
    await agents.take(id, agent);
    clock += Math.floor(60_000 + rand() * 900_000);
    if (rand() < 0.9) await agents.reply(id, agent, 'Hi, I have your case and I am looking at it now.', { takeIfFree: true });
    clock += Math.floor(300_000 + rand() * 1_800_000);
    const end = rand();
    if (end < 0.45) await agents.close(id, agent);
    else if (end < 0.8) await agents.handBack(id, { agent, resumeAt: weighted(rand, HAND_BACK_AT) }, { onlyOpen: true });
    turns += 3;
  }

  function answer(step: Step | undefined): TurnInput {
    if (step?.kind !== 'ask') return { kind: 'message', text: 'not sure' };
    const weights = CHOICE_WEIGHTS[step.id] ?? {};
    const choice = weighted(rand, step.choices.map((c): [FlowChoice, number] => [c, weights[c.id] ?? 1]));
    const words = choice.words ?? [];
    if (rand() < 0.6 || words.length === 0) return { kind: 'message', text: choice.label, choice: choice.id };
    return { kind: 'message', text: words[Math.floor(rand() * words.length)]! };
  }
}
