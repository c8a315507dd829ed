/**
 * Validates raw flow objects (schema, then graph checks) into a FlowSet. Pure: the build script and the
 * terminal chat read the files; this only judges what they read.
 */
import { SLOT } from '../core/slots.js';
import { checkFlowGraph, type FlowProblem } from './graph.js';
import { flowSchema, type Flow } from './schema.js';
import type { FlowSet } from './types.js';

/** The flow new conversations start in when it exists. */
export const DEFAULT_FLOW_ID = 'smtp_421';

/** One or more flows are broken; `problems` say where and how to fix each. */
export class FlowError extends Error {
  readonly code = 'flow_invalid';
  constructor(readonly problems: FlowProblem[]) {
    super(`invalid flows:\n${problems.map(describeProblem).join('\n')}`);
  }
}

/** One line per problem: file, flow and step, what is wrong, and the fix. */
export function describeProblem(problem: FlowProblem): string {
  const where = [problem.file, `flow ${problem.flow}`, problem.step ? `step ${problem.step}` : undefined].filter(Boolean).join(', ');
  return `  ${where}: ${problem.message} (${problem.check}). Fix: ${problem.fix}.`;
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function schemaProblems(raw: unknown, file: string): { flow?: Flow; problems: FlowProblem[] } {
  const parsed = flowSchema.safeParse(raw);
  if (parsed.success) return { flow: parsed.data, problems: [] };
  const rawFlow = record(raw);
  const flowName = typeof rawFlow.id === 'string' ? rawFlow.id : '(no id)';
  const steps = Array.isArray(rawFlow.steps) ? rawFlow.steps : [];
  const problems = parsed.error.issues.map((issue): FlowProblem => {
    const [head, index, ...rest] = issue.path;
    const stepId = head === 'steps' && typeof index === 'number' ? record(steps[index]).id : undefined;
    const field = (head === 'steps' && typeof index === 'number' ? rest : issue.path).join('.');
    return {
      check: 'schema',
      file,
      flow: flowName,
      ...(typeof stepId === 'string' ? { step: stepId } : head === 'steps' && typeof index === 'number' ? { step: `#${index + 1}` } : {}),
      message: `${field || 'the flow'}: ${issue.message}`,
      fix: field ? `correct the field "${field}"` : 'compare the file with flows/smtp-421.yaml',
    };
  });
  return { problems };
}

/** Checks raw flows; returns the valid ones and every problem found. `files` names the source of each entry. */
export function validateFlows(raw: unknown, files: string[] = []): { flows: Flow[]; problems: FlowProblem[] } {
  const list = Array.isArray(raw) ? raw : [raw];
  const flows: Flow[] = [];
  const problems: FlowProblem[] = [];
  const ids = new Map<string, string>();
  list.forEach((entry, i) => {
    const declared = record(entry).source;
    const file = files[i] ?? (typeof declared === 'string' ? declared : `flow #${i + 1}`);
    const checked = schemaProblems(entry, file);
    problems.push(...checked.problems);
    if (!checked.flow) return;
    const other = ids.get(checked.flow.id);
    if (other) {
      problems.push({ check: 'duplicate_id', file, flow: checked.flow.id, message: `the flow id is also used in ${other}`, fix: 'give each flow its own id' });
    }
    ids.set(checked.flow.id, file);
    problems.push(...checkFlowGraph(checked.flow, file, Object.values(SLOT)));
    flows.push(checked.flow);
  });
  if (list.length === 0) {
    problems.push({ check: 'schema', file: 'flows/', flow: '(none)', message: 'there are no flows', fix: `add flows/smtp-421.yaml with id ${DEFAULT_FLOW_ID}` });
  }
  return { flows, problems };
}

/** Validated flows ready for the engine; throws FlowError naming every problem. */
export function loadFlowSet(raw: unknown): FlowSet {
  const { flows, problems } = validateFlows(raw);
  if (problems.length > 0) throw new FlowError(problems);
  const byId = Object.fromEntries(flows.map((flow) => [flow.id, flow]));
  const first = flows[0] as Flow;
  return { defaultFlowId: byId[DEFAULT_FLOW_ID] ? DEFAULT_FLOW_ID : first.id, flows: byId };
}
