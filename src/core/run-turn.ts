/**
 * One conversation turn as a pure function: state and input in, next state and outputs out. Nothing is
 * sent from here; the edge delivers the outputs. A turn that throws leaves the given state untouched.
 */
import { handBack, noAgent, takeOver } from './agent.js';
import { checkResult } from './check-results.js';
import { askStep } from './interpreter.js';
import { handleUserMessage, waitingStep } from './message.js';
import { welcome } from './outside.js';
import { transcriptText } from './read-error.js';
import { SLOT } from './slots.js';
import { positionOf } from './state.js';
import { flushNotes, sayMessage, type Turn, openTurn } from './turn.js';
import type { ConversationState, TurnDeps, TurnEvent, TurnInput, TurnResult, Variation } from './types.js';

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
      if (state.stepId !== '' || state.handler === 'human' || state.transcript.length > 0) return;
      return welcome(turn);
    case 'followup':
      return followup(turn, input.followupId);
    case 'check_result':
      return checkResult(turn, input.result);
    case 'agent_takeover':
      return takeOver(turn, input.agent, input.note);
    case 'agent_handoff':
      return handBack(turn, input.known);
    case 'agent_unavailable':
      return noAgent(turn, input.note);
    case 'agent_message':
      state.transcript.push({ from: 'agent', text: input.text, at: turn.now });
      return;
  }
}

function eventOf(turn: Turn): TurnEvent {
  const { state, classification } = turn;
  const replyCode = state.slots[SLOT.replyCode];
  const variation = state.slots[SLOT.variation];
  return {
    at: turn.now,
    flowId: state.flowId,
    stepId: state.stepId,
    intent: classification?.intent ?? 'none',
    topic: classification?.topic ?? 'none',
    confidence: classification?.confidence ?? 0,
    status: state.status,
    ...(turn.outcome ? { outcome: turn.outcome } : {}),
    ...(turn.reason ? { reason: turn.reason } : {}),
    ...(typeof replyCode === 'string' ? { replyCode } : {}),
    ...(typeof variation === 'string' ? { variation: variation as Variation } : {}),
    ...(classification ? { understood: turn.understood } : {}),
  };
}

/** Runs one turn; every turn logs one event and keeps the transcript complete. */
export function runTurn(state: ConversationState, input: TurnInput, deps: TurnDeps): TurnResult {
  const turn = openTurn(state, deps);
  apply(turn, input);
  flushNotes(turn);
  turn.state.updatedAt = turn.now;
  turn.outputs.push({ kind: 'log', event: eventOf(turn) });
  return {
    state: turn.state,
    outputs: turn.outputs,
    position: positionOf(turn.state, deps.flows),
    ...(turn.classification ? { classification: turn.classification } : {}),
    understood: turn.understood,
    trace: turn.trace,
  };
}
