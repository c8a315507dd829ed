/** Reads a period's events from the store and builds the report over the flows the engine runs. */
import flowsData from '../generated/flows.json' with { type: 'json' };
import { loadFlowSet } from '../flows/load.js';
import type { Store } from '../store/types.js';
import { buildReport } from './aggregate.js';
import { funnelStepsOf, type FunnelSteps } from './checks.js';
import type { AnalyticsReport } from './types.js';

let engineSteps: FunnelSteps | undefined;

/** The funnel of the flows compiled by `npm run build:data` (the ones both runtimes run). */
export function engineFunnelSteps(): FunnelSteps {
  engineSteps ??= funnelStepsOf(loadFlowSet(flowsData));
  return engineSteps;
}

/** The report for `[from, to)`; conversations idle for `idleHours` before `to` count as abandoned. */
export async function reportFromStore(
  store: Store, period: { from: number; to: number; idleHours: number }, steps: FunnelSteps = engineFunnelSteps(),
): Promise<AnalyticsReport> {
  const events = await store.listEvents(period.from, period.to);
  return buildReport(events, { from: period.from, to: period.to, idleMs: period.idleHours * 3_600_000, steps });
}
