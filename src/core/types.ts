/**
 * The conversation engine's data: what goes into a turn, what comes out, and the state between turns.
 * Everything here is plain JSON so it can be stored, sent between runtimes and compared in tests.
 */
import type { Classification, Nlu } from '../nlu/types.js';
import type { FlowSet } from '../flows/types.js';
import type { EscalationPolicy } from '../handoff/policy-types.js';

/** Where a conversation stands, as every reply reports it. `idle`: no problem recognised yet, no check active. */
export type Status = 'idle' | 'active' | 'resolved' | 'routed' | 'escalated' | 'waiting_followup';

/** The four families of 421 / 4xx replies the guide explains. */
export type Variation = 'resource' | 'connection' | 'policy' | 'downstream';

/** Who is answering the user right now. */
export type Handler = 'bot' | 'human';

export type SlotValue = string | number | boolean;

/** One answered step, kept for the case summary and for "go back". */
export interface StepAnswer {
  stepId: string;
  /** The normalised answer (a choice id, a number of minutes, "pasted", ...). */
  value: SlotValue;
  /** What the user actually wrote or clicked. */
  text: string;
  at: number;
}

/** One line of the transcript. Nothing a user says is dropped from it. */
export interface TranscriptEntry {
  from: 'user' | 'bot' | 'agent' | 'system';
  text: string;
  at: number;
}

/** The whole state of one conversation between turns. Versioned so stored state can be migrated. */
export interface ConversationState {
  version: 1;
  flowId: string;
  /** The step whose question is waiting for an answer ('' before the first message). */
  stepId: string;
  status: Status;
  handler: Handler;
  slots: Record<string, SlotValue>;
  answers: StepAnswer[];
  /** Step ids in the order they were asked, so "go back" can return to the previous one. */
  trail: string[];
  /** Unclear answers in a row at the current step. */
  attempts: number;
  /** How often the user asked for a human since the last escalation decision. */
  humanRequests: number;
  startedAt: number;
  updatedAt: number;
  /** When the current problem was first reported to have started (epoch ms), if known. */
  problemSince?: number;
  resolvedAt?: number;
  escalatedAt?: number;
  /** Follow-up currently scheduled, if any. */
  followupId?: string;
  /** Side checks asked for mid-step ("check my SPF"), as `check:target`; the question is asked again after the last one. */
  pendingChecks?: string[];
  /** The bot has just asked what happens with the mail ("does it arrive late, or come back with an error?"). */
  awaitingProblem?: boolean;
  /** One-time notes already given (resending warning, advanced checks, agent note, ...). */
  said?: string[];
  /** The agent side of the current case, from the first take on. */
  agent?: AgentCase;
  /**
   * Platform ids of inputs already applied (an agent's Slack message, a Teams activity), kept by the
   * conversation service so a redelivered input is not applied twice. The engine only carries them.
   */
  inputKeys?: string[];
  /**
   * Transcript lines not yet stored. The conversation service moves them into the store's transcript rows with
   * each turn's write, so a stored state holds none and its size does not grow with the conversation.
   */
  transcript: TranscriptEntry[];
  /** How many transcript lines the store holds already (kept by the conversation service). */
  transcriptLines?: number;
}

/** Who has the current case and when they acted on it, for the desk and the analytics. */
export interface AgentCase {
  /** The agent who has it now (or last had it). */
  name?: string;
  /** `escalatedAt` of the case these times belong to (a later escalation is a new case). */
  caseAt?: number;
  takenAt?: number;
  firstReplyAt?: number;
}

/** What an agent did in a turn, as the analytics and the agents' desk record it. */
export interface AgentAction {
  type: 'taken' | 'replied' | 'handed_back' | 'closed';
  by?: string;
  /** Time from the case being queued to this action, on the first take and the first reply of a case. */
  waitedMs?: number;
  /** Set on the agent's first reply of a case. */
  firstReply?: boolean;
  /** The check (1-based) the bot resumed at after a hand-back. */
  check?: number;
}

/** What the user (or the platform, or an agent) did this turn. */
export type TurnInput =
  | { kind: 'message'; text: string; /** id of a clicked choice, when the channel knows it */ choice?: string }
  | { kind: 'start' }
  | { kind: 'followup'; followupId: string }
  | { kind: 'check_result'; result: CheckResult }
  /** An agent takes the conversation; `announce` tells the user at once that a person has it. */
  | { kind: 'agent_takeover'; agent?: string; note?: string; announce?: boolean }
  | { kind: 'agent_handoff'; known: AgentKnowledge }
  /** The handoff platform found no agent to take the case: the bot carries on. */
  | { kind: 'agent_unavailable'; note?: string }
  | { kind: 'agent_message'; text: string; agent?: string }
  /** An agent closes the case as resolved. */
  | { kind: 'agent_close'; agent?: string; note?: string };

/** What an agent knows when handing a conversation (back) to the bot. */
export interface AgentKnowledge {
  replyCode?: string;
  enhancedStatus?: string;
  recipientDomain?: string;
  /** Step ids the agent has already gone through with the user. */
  stepsDone?: string[];
  /**
   * The check to resume at (a main step id): the checks before it count as done, and it and the checks after
   * it are asked afresh unless a known fact settles them.
   */
  resumeAt?: string;
  note?: string;
  agent?: string;
}

/** A live check the edge performs for the core (DNS, SMTP greeting) and feeds back as a `check_result` input. */
export type CheckKind = 'mx' | 'spf' | 'dmarc' | 'ptr' | 'banner';

export interface CheckResult {
  check: CheckKind;
  target: string;
  ok: boolean;
  /** Short facts found, e.g. MX host names or the TXT record. */
  details: string[];
  /** Why `ok` is false, in plain words: a problem found (null MX, 421) or why the check could not be done. */
  error?: string;
  /** True when the check could not be done (timeout, refused, unreachable, not a domain); `error` says why. */
  lookupFailed?: boolean;
}

/** A button the user can click instead of typing. */
export interface Choice {
  id: string;
  label: string;
}

/** Why a conversation goes to a human. */
export type EscalationReason = 'persistent' | 'recurred' | 'user_insisted' | 'agent_requested';

/** What an agent needs to act on a case without re-reading everything. */
export interface CaseSummary {
  reason: EscalationReason;
  summary: string;
  flowId: string;
  stepId: string;
  replyCode?: string;
  enhancedStatus?: string;
  variation?: Variation;
  provider?: string;
  recipientDomain?: string;
  answers: StepAnswer[];
  startedAt: number;
  problemSince?: number;
  escalatedAt: number;
  transcript: TranscriptEntry[];
}

/** The conversation's position, carried by every reply (Direct Line `channelData.softbounce`). */
export interface Position {
  flowId: string;
  /** Absent while no check is active (before a problem is recognised, or after "cancel"). */
  stepId?: string;
  stepNumber?: number;
  stepCount: number;
  /** The main step's short title from the flow ("Wait and retry"). */
  stepTitle?: string;
  status: Status;
}

/** One analytics event per turn. */
export interface TurnEvent {
  at: number;
  flowId: string;
  stepId: string;
  intent: string;
  topic: string;
  confidence: number;
  status: Status;
  /** Set on the turn the conversation reached an outcome. */
  outcome?: 'resolved' | 'routed' | 'escalated';
  reason?: EscalationReason;
  replyCode?: string;
  variation?: Variation;
  /** Set on message turns: whether the flow acted on the message (a choice, slot or intent). */
  understood?: boolean;
  /** Set on turns where an agent acted on the case. */
  agent?: AgentAction;
}

/** Everything runTurn asks the outside world to do. Nothing is sent inside runTurn. */
export type Output =
  | { kind: 'say'; text: string }
  | { kind: 'ask'; stepId: string; text: string; choices: Choice[] }
  | { kind: 'handoff'; case: CaseSummary }
  | { kind: 'schedule'; followupId: string; at: number; text: string }
  | { kind: 'cancel_schedule'; followupId: string }
  | { kind: 'check'; check: CheckKind; target: string }
  /**
   * For the agents' desk while a case is open: the lines of this turn to show in the case's thread (the user's
   * words, the bot's replies, what the agent did) and the agent's action, which changes the case message.
   */
  | { kind: 'desk'; lines: TranscriptEntry[]; action?: AgentAction }
  | { kind: 'log'; event: TurnEvent };

/** Things runTurn needs from outside: time, ids, and the loaded data. */
export interface TurnDeps {
  now(): number;
  newId(): string;
  flows: FlowSet;
  nlu: Nlu;
  policy: EscalationPolicy;
  /** Guide and contact URLs filled into `{links.NAME}` placeholders (error_codes, track_delivery, ...). */
  links: Record<string, string>;
  /** True when the edge runs the `check` outputs and feeds their results back (live checks are on). */
  liveChecks?: boolean;
}

/** One step or branch the interpreter took, for the flow coverage report. */
export interface TraceEntry {
  flowId: string;
  stepId: string;
  /** Index of the branch taken (`else` for the default), or absent for visiting the step. */
  branch?: number | 'else';
}

export interface TurnResult {
  state: ConversationState;
  outputs: Output[];
  position: Position;
  /** The matcher's reading of the user's message, when there was one. */
  classification?: Classification;
  /** True when the flow matched the user's message to a choice, slot or intent it acted on. */
  understood: boolean;
  /** Steps visited and branches taken this turn. */
  trace: TraceEntry[];
}
