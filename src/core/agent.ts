/** Agents taking a conversation over, writing in it, handing it back to the bot, and closing the case. */
import { setRecipientDomain } from './context.js';
import { askStep, enterStep } from './interpreter.js';
import { repeatQuestion } from './message.js';
import { mainSteps } from './state.js';
import { applyError, readError } from './read-error.js';
import { CONTEXT_SLOTS, SLOT } from './slots.js';
import { sayMessage, stepById, type Turn } from './turn.js';
import type { AgentCase, AgentKnowledge, ConversationState } from './types.js';

/** Slot value marking a step an agent already went through with the user. */
export const DONE_BY_AGENT = 'done_by_agent';

/** The agent record of the current case, started afresh when the conversation escalated again since. */
function currentCase(state: ConversationState): AgentCase {
  if (!state.agent || state.agent.caseAt !== state.escalatedAt) {
    state.agent = state.escalatedAt === undefined ? {} : { caseAt: state.escalatedAt };
  }
  return state.agent;
}

/** How long the case had been queued, when there is a case. */
function waited(turn: Turn): { waitedMs?: number } {
  const since = turn.state.escalatedAt;
  return since === undefined ? {} : { waitedMs: turn.now - since };
}

/** An agent takes over: the bot only records the transcript until it is handed back. Taking it twice is a no-op. */
export function takeOver(turn: Turn, agent: string | undefined, note: string | undefined, announce = false): void {
  const { state } = turn;
  const record = currentCase(state);
  if (state.handler === 'human' && agent !== undefined && record.name === agent) return;
  const from = state.handler === 'human' && record.name ? ` from ${record.name}` : '';
  state.handler = 'human';
  const first = record.takenAt === undefined;
  record.takenAt ??= turn.now;
  if (agent !== undefined) record.name = agent;
  state.said = (state.said ?? []).filter((key) => key !== 'agent_has_it');
  state.transcript.push({ from: 'system', text: `${agent ?? 'An agent'} took over${from}${note ? `: ${note}` : ''}`, at: turn.now });
  turn.agentAction = { type: 'taken', ...(agent ? { by: agent } : {}), ...(first ? waited(turn) : {}) };
  if (announce) {
    sayMessage(turn, 'agent_has_it');
    state.said.push('agent_has_it');
  }
}

/** An agent writes to the user: kept in the transcript and said on the user's channel under the agent's name. */
export function agentMessage(turn: Turn, text: string, agent: string | undefined): void {
  const { state } = turn;
  const record = currentCase(state);
  state.transcript.push({ from: 'agent', text, at: turn.now });
  turn.outputs.push({ kind: 'say', text: agent ? `${agent}: ${text}` : text });
  const first = record.firstReplyAt === undefined;
  record.firstReplyAt ??= turn.now;
  turn.agentAction = { type: 'replied', ...(agent ? { by: agent } : {}), ...(first ? { firstReply: true, ...waited(turn) } : {}) };
}

/** No agent could take the case: the bot says so, keeps the conversation, and asks the waiting question again. */
export function noAgent(turn: Turn, note: string | undefined): void {
  const { state } = turn;
  state.handler = 'bot';
  state.transcript.push({ from: 'system', text: `No agent was available${note ? `: ${note}` : ''}`, at: turn.now });
  if (state.status === 'escalated') state.status = 'active';
  sayMessage(turn, 'agent_unavailable');
  repeatQuestion(turn);
}

/** An agent closes the case as resolved; the bot tells the user it is there for a new problem. */
export function closeCase(turn: Turn, agent: string | undefined, note: string | undefined): void {
  const { state } = turn;
  state.handler = 'bot';
  state.transcript.push({ from: 'system', text: `${agent ?? 'The agent'} closed the case as resolved${note ? `: ${note}` : ''}`, at: turn.now });
  if (state.followupId) {
    turn.outputs.push({ kind: 'cancel_schedule', followupId: state.followupId });
    delete state.followupId;
  }
  state.status = 'resolved';
  state.resolvedAt = turn.now;
  turn.outcome = 'resolved';
  turn.agentAction = { type: 'closed', ...(agent ? { by: agent } : {}) };
  sayMessage(turn, 'after_end');
}

/**
 * Resumes at the main step `stepId`: the checks before it count as done, its own answers and those of the
 * checks after it are forgotten (facts such as the code or the domain stay), and the flow walks in from it,
 * skipping aloud whatever a known fact settles. Returns the check's number, or 0 when it is not a main step.
 */
function resumeAt(turn: Turn, stepId: string): number {
  const { state, flow } = turn;
  const main = mainSteps(flow);
  const at = main.indexOf(stepId);
  if (at < 0) return 0;
  for (const id of main.slice(0, at)) {
    const step = stepById(turn, id);
    if (step.kind === 'ask' && state.slots[step.slot] === undefined) state.slots[step.slot] = DONE_BY_AGENT;
  }
  const later = new Set(main.slice(at));
  for (const step of flow.steps) {
    if (step.kind !== 'ask' || !(later.has(step.id) || (step.part_of !== undefined && later.has(step.part_of)))) continue;
    if (!CONTEXT_SLOTS.includes(step.slot)) delete state.slots[step.slot];
    state.answers = state.answers.filter((a) => a.stepId !== step.id);
  }
  if (state.followupId) {
    turn.outputs.push({ kind: 'cancel_schedule', followupId: state.followupId });
    delete state.followupId;
  }
  state.attempts = 0;
  enterStep(turn, stepId);
  return at + 1;
}

/** An agent hands back: fill what they learned, skip the steps done, and resume at the chosen or first open step. */
export function handBack(turn: Turn, known: AgentKnowledge): void {
  const { state, flow } = turn;
  state.handler = 'bot';
  state.transcript.push({ from: 'system', text: `${known.agent ?? 'The agent'} handed back${known.note ? `: ${known.note}` : ''}`, at: turn.now });
  const codeText = [known.replyCode, known.enhancedStatus].filter(Boolean).join(' ');
  const reading = codeText ? readError(codeText, { emails: [], domains: [] }, true) : undefined;
  if (reading) applyError(turn, reading);
  if (known.recipientDomain) setRecipientDomain(turn, known.recipientDomain);
  for (const stepId of known.stepsDone ?? []) {
    const step = flow.steps.find((s) => s.id === stepId);
    if (step?.kind === 'ask' && state.slots[step.slot] === undefined) state.slots[step.slot] = DONE_BY_AGENT;
  }
  if (state.stepId === '' || state.status !== 'active') state.status = 'active';
  sayMessage(turn, 'agent_handback', { agent: known.agent ?? 'our support team' });
  const by = known.agent ? { by: known.agent } : {};
  const resumed = known.resumeAt && state.slots[SLOT.codeClass] !== 'permanent' ? resumeAt(turn, known.resumeAt) : 0;
  if (resumed > 0) {
    turn.agentAction = { type: 'handed_back', ...by, check: resumed };
    return;
  }
  const main = mainSteps(flow);
  const openIndex = main.findIndex((id) => {
    const step = stepById(turn, id);
    return step.kind === 'ask' && state.slots[step.slot] === undefined;
  });
  const open = openIndex >= 0 ? stepById(turn, main[openIndex]!) : undefined;
  turn.agentAction = { type: 'handed_back', ...by, ...(open ? { check: openIndex + 1 } : {}) };
  if (state.slots[SLOT.codeClass] === 'permanent' || !open || open.kind !== 'ask') return enterStep(turn, flow.start);
  state.attempts = 0;
  askStep(turn, open);
}
