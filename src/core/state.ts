/** Creating a conversation's state and reading its position for replies. */
import type { FlowSet } from '../flows/types.js';
import type { Flow } from '../flows/schema.js';
import type { ConversationState, Position } from './types.js';

/** A fresh conversation in the default flow, before the first message. */
export function initialState(flows: FlowSet, now: number): ConversationState {
  return {
    version: 1,
    flowId: flows.defaultFlowId,
    stepId: '',
    status: 'idle',
    handler: 'bot',
    slots: {},
    answers: [],
    trail: [],
    attempts: 0,
    humanRequests: 0,
    startedAt: now,
    updatedAt: now,
    said: [],
    transcript: [],
  };
}

/** The main (numbered) steps of a flow: ask steps that are not follow-up questions of another step. */
export function mainSteps(flow: Flow): string[] {
  return flow.steps.filter((step) => step.kind === 'ask' && !step.part_of).map((step) => step.id);
}

/** The main step a step belongs to (itself, or the step named by `part_of`). */
export function mainStepOf(flow: Flow, stepId: string): string {
  const step = flow.steps.find((s) => s.id === stepId);
  return step?.kind === 'ask' && step.part_of ? step.part_of : stepId;
}

/** The step id the welcome's choices carry: no check is active then, so channels match clicks against this. */
export const MENU_STEP = 'menu';

/** The step a clicked choice must belong to for the click to count: the waiting step, or the welcome's menu. */
export function expectedChoiceStep(state: ConversationState): string {
  return state.stepId || MENU_STEP;
}

/** Per loaded flow, which never changes: its main steps, listed once rather than at the end of every turn. */
const mainStepsByFlow = new WeakMap<Flow, readonly string[]>();

/** Where the conversation stands: flow, step, its number and title among the main steps, and status. */
export function positionOf(state: ConversationState, flows: FlowSet): Position {
  const flow = flows.flows[state.flowId] ?? flows.flows[flows.defaultFlowId];
  let main: readonly string[] = [];
  if (flow) {
    const listed = mainStepsByFlow.get(flow);
    main = listed ?? mainSteps(flow);
    if (!listed) mainStepsByFlow.set(flow, main);
  }
  const stepId = state.stepId;
  if (!stepId) return { flowId: state.flowId, stepCount: main.length, status: state.status };
  const mainId = flow ? mainStepOf(flow, stepId) : '';
  const index = main.indexOf(mainId);
  const title = flow?.steps.find((s) => s.id === (index >= 0 ? mainId : main[0]))?.title;
  const { flowId, status } = state;
  const stepNumber = index >= 0 ? index + 1 : 1;
  const stepCount = main.length;
  // Two literals, not a spread followed by more properties: Node 20 builds that one on V8's slow path every turn.
  return title ? { flowId, stepId, stepNumber, stepCount, stepTitle: title, status } : { flowId, stepId, stepNumber, stepCount, status };
}
