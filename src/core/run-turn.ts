/**
 * One conversation turn as a pure function: state and input in, next state and outputs out. Nothing is
 * sent from here; the edge delivers the outputs. A turn that throws leaves the given state untouched.
 */
import { agentMessage, closeCase, handBack, noAgent, takeOver } from './agent.js';
import { checkResult } from './check-results.js';
import { askStep } from './interpreter.js';
import { handleUserMessage, waitingStep } from './message.js';
import { welcome } from './outside.js';
import { transcriptText } from './read-error.js';
import { SLOT } from './slots.js';
import { positionOf } from './state.js';
import { flushNotes, type Turn, openTurn } from './turn.js';
import type { ConversationState, Output, TranscriptEntry, TurnDeps, TurnEvent, TurnInput, TurnResult, Variation } from './types.js';

function followup(turn: Turn, followupId: string): void {
  const { state } = turn;
  const step = waitingStep(turn);
  if (state.status !== 'waiting_followup' || state.followupId !== followupId || !step || state.handler === 'human') return;
  delete state.followupId;
  state.status = 'active';
  askStep(turn, step);
}

function apply(turn: Turn, input: TurnInput): void {
  const { state } = turn;
  switch (input.kind) {
    case 'message': {
      const text = typeof input.text === 'string' ? input.text : '';
      state.transcript.push({ from: 'user', text: transcriptText(text), at: turn.now });
      return handleUserMessage(turn, text, input.choice);
    }
    case 'start':
      if (state.stepId !== '' || state.handler === 'human' || state.transcript.length > 0 || (state.transcriptLines ?? 0) > 0) return;
      return welcome(turn);
    case 'followup':
      return followup(turn, input.followupId);
    case 'check_result':
      return checkResult(turn, input.result);
    case 'agent_takeover':
      return takeOver(turn, input.agent, input.note, input.announce === true);
    case 'agent_handoff':
      return handBack(turn, input.known);
    case 'agent_unavailable':
      return noAgent(turn, input.note);
    case 'agent_message':
      return agentMessage(turn, input.text, input.agent);
    case 'agent_close':
      return closeCase(turn, input.agent, input.note);
  }
}

/** A case is open while it waits for an agent or an agent has it. */
const caseOpen = (state: ConversationState) => state.status === 'escalated' || state.handler === 'human';

/**
 * What the agents' desk shows of this turn: while the case was open, the user's words and the bot's replies;
 * for an agent's action, the action and what the bot said to the user. The agent's own words are already
 * where the agent wrote them.
 */
function deskOutput(turn: Turn, wasOpen: boolean, input: TurnInput): Output | undefined {
  // The agent's own reply is already where they wrote it; only the actions that change the case are shown.
  const action = turn.agentAction?.type === 'replied' ? undefined : turn.agentAction;
  if (!wasOpen && !action) return undefined;
  const lines: TranscriptEntry[] = [];
  if (input.kind === 'message' && typeof input.text === 'string') lines.push({ from: 'user', text: transcriptText(input.text), at: turn.now });
  if (turn.agentAction?.type !== 'replied') {
    for (const output of turn.outputs) {
      if (output.kind === 'say' || output.kind === 'ask') lines.push({ from: 'bot', text: output.text, at: turn.now });
    }
  }
  if (lines.length === 0 && !action) return undefined;
  return { kind: 'desk', lines, ...(action ? { action } : {}) };
}

function eventOf(turn: Turn): TurnEvent {
  const { state, classification } = turn;
  const replyCode = state.slots[SLOT.replyCode];
  const variation = state.slots[SLOT.variation];
  const event: TurnEvent = {
    at: turn.now,
    flowId: state.flowId,
    stepId: state.stepId,
    intent: classification?.intent ?? 'none',
    topic: classification?.topic ?? 'none',
    confidence: classification?.confidence ?? 0,
    status: state.status,
  };
  // Set one by one in this order (the order the log shows): cheaper than spreading a small object for each.
  if (turn.outcome) event.outcome = turn.outcome;
  if (turn.reason) event.reason = turn.reason;
  if (typeof replyCode === 'string') event.replyCode = replyCode;
  if (typeof variation === 'string') event.variation = variation as Variation;
  if (classification) event.understood = turn.understood;
  if (turn.agentAction) event.agent = turn.agentAction;
  return event;
}

/** Runs one turn; every turn logs one event and keeps the transcript complete. */
export function runTurn(state: ConversationState, input: TurnInput, deps: TurnDeps): TurnResult {
  const turn = openTurn(state, deps);
  const wasOpen = caseOpen(turn.state);
  apply(turn, input);
  flushNotes(turn);
  const desk = deskOutput(turn, wasOpen, input);
  if (desk) turn.outputs.push(desk);
  turn.state.updatedAt = turn.now;
  turn.outputs.push({ kind: 'log', event: eventOf(turn) });
  const { outputs, classification, understood, trace } = turn;
  const after = turn.state;
  const position = positionOf(after, deps.flows);
  // Two literals, not a spread followed by more properties: Node 20 builds that one on V8's slow path.
  return classification
    ? { state: after, outputs, position, classification, understood, trace }
    : { state: after, outputs, position, understood, trace };
}
