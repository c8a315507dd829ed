/** The flows' numbered checks for the funnel, and how any step maps onto one of them. */
import { mainStepOf, mainSteps } from '../core/state.js';
import type { FlowSet } from '../flows/types.js';
import type { CheckStep } from './types.js';

/** What the report needs to know about the flows. */
export interface FunnelSteps {
  checks: CheckStep[];
  /** The check a step belongs to ('' when it belongs to none). */
  checkOf(flowId: string, stepId: string): string;
}

/** The checks of every flow, default flow first, in the order the flow asks them. */
export function funnelStepsOf(flows: FlowSet): FunnelSteps {
  const ordered = [flows.defaultFlowId, ...Object.keys(flows.flows).filter((id) => id !== flows.defaultFlowId)];
  const checks: CheckStep[] = [];
  for (const flowId of ordered) {
    const flow = flows.flows[flowId];
    if (!flow) continue;
    for (const stepId of mainSteps(flow)) {
      const step = flow.steps.find((s) => s.id === stepId);
      const title = step?.kind === 'ask' && step.title ? step.title : stepId.replace(/_/g, ' ');
      checks.push({ flowId, stepId, title });
    }
  }
  const known = new Set(checks.map((c) => `${c.flowId}/${c.stepId}`));
  return {
    checks,
    checkOf(flowId, stepId) {
      const flow = flows.flows[flowId];
      if (!flow || !stepId) return '';
      const main = mainStepOf(flow, stepId);
      return known.has(`${flowId}/${main}`) ? main : '';
    },
  };
}
