/**
 * Scripted dialogues that read like transcripts: what the user says (or what happens), then what the bot must
 * say, and where the conversation must stand. Runs the real engine with the real flows and NLU model and a
 * controlled clock, and returns the steps and branches taken for the coverage report.
 */
import { existsSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { runTurn } from '../../src/core/run-turn.js';
import { initialState } from '../../src/core/state.js';
import type { CheckResult, ConversationState, Output, Status, TraceEntry, TurnDeps, TurnInput, TurnResult } from '../../src/core/types.js';
import { loadFlowSet } from '../../src/flows/load.js';
import type { FlowSet } from '../../src/flows/types.js';
import { DEFAULT_POLICY } from '../../src/handoff/policy-types.js';
import { loadNlu } from '../../src/nlu/model.js';
import type { Nlu } from '../../src/nlu/types.js';
import { readFlowDir } from '../../scripts/read-flows.js';

/** One exchange: what happens, then what must be true of the bot's answer. */
export interface Line {
  /** Minutes that pass before this line. */
  after?: number;
  user?: string;
  /** A clicked choice id (with the label as text, as channels send it). */
  click?: string;
  followup?: boolean;
  check?: CheckResult;
  agent?: Extract<TurnInput, { kind: 'agent_takeover' | 'agent_handoff' | 'agent_message' | 'agent_unavailable' }>;
  /** Each must appear (case-insensitive) in what the bot says this turn. */
  bot?: string[];
  /** None of these may appear in what the bot says this turn. */
  notBot?: string[];
  /** The bot says nothing this turn. */
  silent?: boolean;
  step?: string;
  status?: Status;
  /** Output kinds that must be present / absent this turn. */
  emits?: Output['kind'][];
  omits?: Output['kind'][];
  choices?: string[];
  /** Extra checks on the turn's result. */
  verify?: (result: TurnResult) => void;
}

/** A named script of lines, played from a fresh conversation. */
export interface Dialogue {
  name: string;
  lines: Line[];
}

/** Guide URLs as the tests configure them, so replies can be checked for the right link. */
export const LINKS = {
  error_codes: 'https://example.test/smtp-error-codes',
  track_delivery: 'https://example.test/track-delivery',
  spf_dkim: 'https://example.test/spf-dkim',
  sending_limits: 'https://example.test/sending-limits',
  contact: 'https://example.test/contact',
};

/** The conversation's start time in every dialogue: a fixed instant, so durations are exact. */
export const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);

const MODEL = new URL('../../src/generated/model.json', import.meta.url);

let shared: { flows: FlowSet; nlu: Nlu } | undefined;

/** The real flows (read from flows/*.yaml) and the real intent model (src/generated/model.json). */
export function realEngine(): { flows: FlowSet; nlu: Nlu } {
  if (!existsSync(MODEL)) throw new Error('src/generated/model.json is missing: run `npm run -s build:data` first');
  shared ??= {
    flows: loadFlowSet(readFlowDir().map((file) => file.raw)),
    nlu: loadNlu(JSON.parse(readFileSync(MODEL, 'utf8'))),
  };
  return shared;
}

/** Turn dependencies with a clock the test moves by hand. */
export function testDeps(clock: { now: number }): TurnDeps {
  const { flows, nlu } = realEngine();
  let ids = 0;
  return { now: () => clock.now, newId: () => `f${(ids += 1)}`, flows, nlu, policy: DEFAULT_POLICY, links: LINKS };
}

function inputOf(line: Line, state: ConversationState, labelOf: (id: string) => string): TurnInput {
  if (line.user !== undefined) return { kind: 'message', text: line.user };
  if (line.click) return { kind: 'message', text: labelOf(line.click), choice: line.click };
  if (line.followup) return { kind: 'followup', followupId: state.followupId ?? 'none' };
  if (line.check) return { kind: 'check_result', result: line.check };
  if (line.agent) return line.agent;
  throw new Error('a dialogue line needs user, click, followup, check or agent');
}

/** Everything the bot said in a turn, as one lower-case string. */
export function botText(outputs: Output[]): string {
  return outputs
    .map((o) => (o.kind === 'say' || o.kind === 'ask' ? o.text : ''))
    .filter(Boolean)
    .join('\n');
}

/** Plays a dialogue line by line, asserting each expectation; returns the trace and the final state. */
export function play(dialogue: Dialogue): { trace: TraceEntry[]; state: ConversationState; results: TurnResult[] } {
  const clock = { now: T0 };
  const deps = testDeps(clock);
  let state = initialState(deps.flows, clock.now);
  let lastChoices: { id: string; label: string }[] = [];
  const trace: TraceEntry[] = [];
  const results: TurnResult[] = [];
  dialogue.lines.forEach((line, i) => {
    clock.now += (line.after ?? 0) * 60_000;
    const input = inputOf(line, state, (id) => lastChoices.find((c) => c.id === id)?.label ?? id);
    const result = runTurn(state, input, deps);
    const where = `${dialogue.name}, line ${i + 1} (${line.user ?? line.click ?? input.kind})`;
    const said = botText(result.outputs);
    for (const fragment of line.bot ?? []) expect(said.toLowerCase(), `${where}: bot should say "${fragment}"`).toContain(fragment.toLowerCase());
    for (const fragment of line.notBot ?? []) expect(said.toLowerCase(), `${where}: bot should not say "${fragment}"`).not.toContain(fragment.toLowerCase());
    if (line.silent) expect(said, `${where}: bot should stay silent`).toBe('');
    if (line.step) expect(result.position.stepId, `${where}: step`).toBe(line.step);
    if (line.status) expect(result.position.status, `${where}: status`).toBe(line.status);
    const kinds = result.outputs.map((o) => o.kind);
    for (const kind of line.emits ?? []) expect(kinds, `${where}: should emit ${kind}`).toContain(kind);
    for (const kind of line.omits ?? []) expect(kinds, `${where}: should not emit ${kind}`).not.toContain(kind);
    expect(kinds.filter((k) => k === 'log'), `${where}: one log event per turn`).toHaveLength(1);
    const asked = result.outputs.find((o) => o.kind === 'ask');
    if (asked?.kind === 'ask') lastChoices = asked.choices;
    if (line.choices) expect(lastChoices.map((c) => c.label), `${where}: choices`).toEqual(expect.arrayContaining(line.choices));
    line.verify?.(result);
    trace.push(...result.trace);
    results.push(result);
    state = result.state;
  });
  return { trace, state, results };
}
