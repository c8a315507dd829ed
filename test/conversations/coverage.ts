/** Which steps and branches of the flows the scripted dialogues exercise. */
import type { TraceEntry } from '../../src/core/types.js';
import type { FlowSet } from '../../src/flows/types.js';

export interface CoverageItem {
  flowId: string;
  stepId: string;
  /** Absent for the step itself. */
  branch?: number | 'else';
  label: string;
}

/** Every step, and every branch of every step that branches, in file order. */
export function coverageItems(flows: FlowSet): CoverageItem[] {
  return Object.values(flows.flows).flatMap((flow) =>
    flow.steps.flatMap((step) => {
      const items: CoverageItem[] = [{ flowId: flow.id, stepId: step.id, label: `${flow.id}/${step.id}` }];
      if ((step.kind === 'ask' || step.kind === 'say') && Array.isArray(step.next)) {
        step.next.forEach((branch, i) => {
          const key = 'else' in branch ? 'else' : i;
          const target = 'else' in branch ? branch.else : branch.then;
          items.push({ flowId: flow.id, stepId: step.id, branch: key, label: `${flow.id}/${step.id} [${key === 'else' ? 'else' : `if #${i + 1}`} -> ${target}]` });
        });
      }
      return items;
    }),
  );
}

const keyOf = (e: { flowId: string; stepId: string; branch?: number | 'else' }) => `${e.flowId}/${e.stepId}#${e.branch ?? ''}`;

/** Items hit by the trace and those missed, with a printable summary. */
export function coverageReport(items: CoverageItem[], trace: TraceEntry[]): { hit: CoverageItem[]; missed: CoverageItem[]; summary: string } {
  const seen = new Map<string, number>();
  for (const entry of trace) seen.set(keyOf(entry), (seen.get(keyOf(entry)) ?? 0) + 1);
  const hit = items.filter((item) => seen.has(keyOf(item)));
  const missed = items.filter((item) => !seen.has(keyOf(item)));
  const lines = items.map((item) => `${seen.has(keyOf(item)) ? '  ok  ' : '  MISS'} ${String(seen.get(keyOf(item)) ?? 0).padStart(4)}  ${item.label}`);
  const steps = items.filter((i) => i.branch === undefined);
  const branches = items.filter((i) => i.branch !== undefined);
  const summary = [
    `flow coverage: ${steps.filter((i) => seen.has(keyOf(i))).length}/${steps.length} steps, ${branches.filter((i) => seen.has(keyOf(i))).length}/${branches.length} branches`,
    ...lines,
  ].join('\n');
  return { hit, missed, summary };
}
