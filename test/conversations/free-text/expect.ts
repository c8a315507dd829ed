/**
 * The expectations of the free-text dialogue files, checked exactly as their `about` defines them. Pure: the same
 * checker judges a dialogue played over Direct Line (the test) and one played in-process (`npm run eval:dialogues`).
 */
import type { FlowSet } from '../../../src/flows/types.js';

/** What a turn expects of the bot's answer (the keys of a dialogue file's `expect`). */
export interface TurnExpectation {
  /** The last reply is at one of these checks. */
  check_in?: string[];
  /** No check of the walk-through is active. */
  not_in_flow?: true;
  status_in?: string[];
  status_not_in?: string[];
  /** Case-insensitive regular expressions; one must match the turn's replies joined. */
  text_any?: string[];
}

/** Where a reply says the conversation stands (`channelData.softbounce`); no stepId means no step at all. */
export interface ReplyPosition {
  flowId?: string;
  stepId?: string;
  stepNumber?: number;
  stepCount?: number;
  status?: string;
}

/** One bot reply to the user's message. */
export interface Reply {
  text: string;
  position?: ReplyPosition;
}

/** One turn as it was played: what the user said, what was expected, what the bot answered. */
export interface PlayedTurn {
  say: string;
  expect: TurnExpectation;
  replies: Reply[];
}

/** A turn that missed: its 1-based number and each failed expectation in words. */
export interface TurnFailure {
  turn: number;
  failed: string[];
}

/** What maps a position to a check: the file's six checks in order, and the flows' sub-steps. */
export interface CheckRules {
  checks: readonly string[];
  subSteps: ReadonlySet<string>;
}

/**
 * Sub-steps are the ask steps a flow marks `part_of` another step (retry_check, recipient_domain, ...): they carry
 * their main step's number. Read from the flows so an end step, which also reports step 1, is never taken for one.
 */
export function subStepsOf(flows: FlowSet): Set<string> {
  const steps = Object.values(flows.flows).flatMap((flow) => flow.steps);
  return new Set(steps.filter((step) => step.kind === 'ask' && step.part_of).map((step) => step.id));
}

/** The check a position stands for: its step if that is a check, a sub-step's checks[stepNumber-1], else none. */
export function checkOf(position: ReplyPosition, rules: CheckRules): string | undefined {
  const { stepId, stepNumber } = position;
  if (!stepId) return undefined;
  if (rules.checks.includes(stepId)) return stepId;
  if (rules.subSteps.has(stepId) && stepNumber !== undefined) return rules.checks[stepNumber - 1];
  return undefined;
}

/** The position in words, for failure messages: "recipient_domain (check recipient_server), status active". */
export function describePosition(position: ReplyPosition | undefined, rules: CheckRules): string {
  if (!position) return 'no position (no reply carried channelData.softbounce)';
  const check = checkOf(position, rules);
  const step = position.stepId ? `step ${position.stepId}` : 'no step';
  const number = position.stepNumber !== undefined ? ` ${position.stepNumber} of ${position.stepCount ?? '?'}` : '';
  const counted = check === position.stepId ? '' : check ? `, counts as check ${check}` : ', no check';
  return `${step}${number}${counted}, status ${position.status ?? '(none)'}`;
}

const list = (values: readonly string[]) => `[${values.join(', ')}]`;

/** Every expectation of `expect` that the replies miss, in words; empty when the turn passes. */
export function failedExpectations(expect: TurnExpectation, replies: Reply[], rules: CheckRules): string[] {
  const failed: string[] = [];
  // Every reply of a turn carries the same position; the last one is where the turn left the conversation.
  const position = replies.at(-1)?.position;
  const check = position ? checkOf(position, rules) : undefined;
  const status = position?.status;
  const where = describePosition(position, rules);
  if (expect.check_in && !(check && expect.check_in.includes(check))) {
    failed.push(`check_in: expected a check in ${list(expect.check_in)}, the last reply is at ${where}`);
  }
  if (expect.not_in_flow && (!position || (check !== undefined && status === 'active'))) {
    failed.push(`not_in_flow: expected no active check, the last reply is at ${where}`);
  }
  if (expect.status_in && !(status && expect.status_in.includes(status))) {
    failed.push(`status_in: expected a status in ${list(expect.status_in)}, the last reply is at ${where}`);
  }
  if (expect.status_not_in && (!status || expect.status_not_in.includes(status))) {
    failed.push(`status_not_in: expected a status not in ${list(expect.status_not_in)}, the last reply is at ${where}`);
  }
  if (expect.text_any) {
    const text = replies.map((reply) => reply.text).join('\n');
    if (!expect.text_any.some((source) => new RegExp(source, 'i').test(text))) {
      failed.push(`text_any: none of ${expect.text_any.map((s) => `/${s}/i`).join(', ')} matches the bot's text`);
    }
  }
  return failed;
}

/** The turns of a played dialogue that missed an expectation; empty when the dialogue passes. */
export function judgeDialogue(turns: PlayedTurn[], rules: CheckRules): TurnFailure[] {
  return turns
    .map((turn, index) => ({ turn: index + 1, failed: failedExpectations(turn.expect, turn.replies, rules) }))
    .filter((verdict) => verdict.failed.length > 0);
}
