/** Agents taking a conversation over, writing in it, and handing it back to the bot. */
import { setRecipientDomain } from './context.js';
import { askStep, enterStep } from './interpreter.js';
import { repeatQuestion } from './message.js';
import { mainSteps } from './state.js';
import { applyError, readError } from './read-error.js';
import { SLOT } from './slots.js';
import { sayMessage, stepById, type Turn } from './turn.js';
import type { AgentKnowledge } from './types.js';

/** Slot value marking a step an agent already went through with the user. */
export const DONE_BY_AGENT = 'done_by_agent';

/** An agent takes over: the bot only records the transcript until it is handed back. */
export function takeOver(turn: Turn, agent: string | undefined, note: string | undefined): void {
  const { state } = turn;
  state.handler = 'human';
  state.said = (state.said ?? []).filter((key) => key !== 'agent_has_it');
  state.transcript.push({ from: 'system', text: `${agent ?? 'An agent'} took over${note ? `: ${note}` : ''}`, at: turn.now });
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

/** An agent hands back: fill what they learned, skip the steps done, and resume at the first open step. */
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
  const open = mainSteps(flow)
    .map((id) => stepById(turn, id))
    .find((step) => step.kind === 'ask' && state.slots[step.slot] === undefined);
  if (state.slots[SLOT.codeClass] === 'permanent' || !open || open.kind !== 'ask') return enterStep(turn, flow.start);
  state.attempts = 0;
  askStep(turn, open);
}
