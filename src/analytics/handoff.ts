/**
 * The handoff funnel: what became of the cases queued for agents in a period. Pure: events in, figures out.
 *
 * A case is an escalation (an event with outcome `escalated`) in the period; the agent actions that follow it in
 * its conversation, up to the next escalation, belong to it. Stages: queued, taken, first agent reply, and how it
 * left the agents (handed back to the bot, or closed); a case still queued or with an agent at the end is open.
 */
import type { AgentAction } from '../core/types.js';
import type { StoredEvent } from '../store/types.js';
import type { FunnelSteps } from './checks.js';
import type { HandoffReport, Ranked } from './types.js';

interface Case {
  taken?: AgentAction;
  firstReply?: AgentAction;
  /** The last action that handed the case back or closed it. */
  ended?: AgentAction;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function rank(values: string[], top: number): Ranked[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).slice(0, top);
}

/** The cases of `events` (sorted by time, one conversation's or many) queued in `[from, to)`. */
function casesOf(events: StoredEvent[], from: number, to: number): Case[] {
  const current = new Map<string, Case | undefined>();
  const cases: Case[] = [];
  for (const event of events) {
    if (event.outcome === 'escalated') {
      const opened: Case | undefined = event.at >= from && event.at < to ? {} : undefined;
      if (opened) cases.push(opened);
      current.set(event.conversationId, opened);
      continue;
    }
    const open = current.get(event.conversationId);
    const action = event.agent;
    if (!open || !action) continue;
    if (action.type === 'taken') {
      open.taken ??= action;
      // A case taken again after it was handed back or closed is with the agents once more.
      delete open.ended;
    }
    if (action.type === 'replied' && action.firstReply) open.firstReply ??= action;
    if (action.type === 'handed_back' || action.type === 'closed') open.ended = action;
  }
  return cases;
}

/** The funnel over the cases queued in `[from, to)`. */
export function handoffFunnel(events: StoredEvent[], options: { from: number; to: number; steps: FunnelSteps; top?: number }): HandoffReport {
  const cases = casesOf([...events].sort((a, b) => a.at - b.at), options.from, options.to);
  const minutes = (actions: (AgentAction | undefined)[]) =>
    actions.flatMap((a) => (a?.waitedMs === undefined ? [] : [a.waitedMs / 60_000]));
  const toTake = minutes(cases.map((c) => c.taken));
  const toReply = minutes(cases.map((c) => c.firstReply));
  const checks = options.steps.checks.filter((c) => c.flowId === options.steps.checks[0]?.flowId);
  const backAt = new Map<number, number>();
  for (const c of cases) if (c.ended?.type === 'handed_back' && c.ended.check) backAt.set(c.ended.check, (backAt.get(c.ended.check) ?? 0) + 1);
  return {
    queued: cases.length,
    taken: cases.filter((c) => c.taken).length,
    firstReply: cases.filter((c) => c.firstReply).length,
    handedBack: cases.filter((c) => c.ended?.type === 'handed_back').length,
    closed: cases.filter((c) => c.ended?.type === 'closed').length,
    open: cases.filter((c) => !c.ended).length,
    minutesToTake: { count: toTake.length, median: median(toTake) },
    minutesToFirstReply: { count: toReply.length, median: median(toReply) },
    takenBy: rank(cases.flatMap((c) => (c.taken?.by ? [c.taken.by] : [])), options.top ?? 10),
    handedBackAt: [...backAt].sort(([a], [b]) => a - b).map(([check, count]) => ({ check, title: checks[check - 1]?.title ?? '', count })),
  };
}
