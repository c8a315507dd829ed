/**
 * A user's message: bad input first, then what may come at any point (start over, cancel, go back, a human,
 * FAQs, corrections, greetings), then the answer to the waiting step.
 */
import type { AskStep } from '../flows/schema.js';
import { decideOnHumanRequest, decideOnNewReport } from '../handoff/policy.js';
import type { Classification, Intent } from '../nlu/types.js';
import { readAnswer } from './answers.js';
import { absorb, setRecipientDomain } from './context.js';
import { escalate } from './escalate.js';
import { answerStep, askStep, enterStep, reask } from './interpreter.js';
import { applyError, clearError, MAX_PASTE_CHARS, readError } from './read-error.js';
import { sideCheckRequest } from './side-checks.js';
import { SLOT } from './slots.js';
import { firstTime, sayMessage, stepById, type Turn } from './turn.js';

/** Matcher confidence needed before a control intent (cancel, start over, ...) interrupts the flow. */
const CONTROL_MIN = 0.5;
/** Confidence needed before an answer is judged off-topic rather than unclear. */
const OFF_TOPIC_MIN = 0.6;

const FAQS: Partial<Record<Intent, 'faq_permanent' | 'faq_blocked' | 'faq_fix_myself' | 'faq_mail_lost' | 'faq_how_long'>> = {
  faq_permanent: 'faq_permanent',
  faq_blocked: 'faq_blocked',
  faq_fix_myself: 'faq_fix_myself',
  faq_mail_lost: 'faq_mail_lost',
  faq_how_long: 'faq_how_long',
};

/** The ask step waiting for an answer, if the conversation is inside a flow. */
export function waitingStep(turn: Turn): AskStep | undefined {
  const { state } = turn;
  if (!state.stepId || (state.status !== 'active' && state.status !== 'waiting_followup')) return undefined;
  const step = stepById(turn, state.stepId);
  return step.kind === 'ask' ? step : undefined;
}

/** Clears the problem's slots and answers, keeping the transcript, one-time notes and what is known of the user. */
function resetProblem(turn: Turn, cls?: Classification): void {
  const state = turn.state;
  if (state.followupId) turn.outputs.push({ kind: 'cancel_schedule', followupId: state.followupId });
  const keep = Object.fromEntries([SLOT.mta, SLOT.technical].filter((s) => state.slots[s] !== undefined).map((s) => [s, state.slots[s]]));
  Object.assign(state, { slots: keep, answers: [], trail: [], attempts: 0, status: 'active', stepId: '' });
  for (const key of ['problemSince', 'resolvedAt', 'escalatedAt', 'followupId'] as const) delete state[key];
  state.problemSince = turn.now;
  if (!cls) return;
  const reading = readError(cls.text, cls.entities, true);
  if (reading) applyError(turn, reading);
  if (reading?.recipientDomain) setRecipientDomain(turn, reading.recipientDomain);
  absorb(turn, cls, { plainDomains: false });
}

/** Starts the problem afresh (reading what the message already says) and walks in from the first step. */
export function startFlow(turn: Turn, cls?: Classification): void {
  resetProblem(turn, cls);
  enterStep(turn, turn.flow.start);
}

/** A choice clicked before any question (a channel showing the first step's buttons): opens the flow there. */
function openedByChoice(turn: Turn, choice: string): AskStep | undefined {
  const start = stepById(turn, turn.flow.start);
  if (start.kind !== 'ask' || !start.choices.some((c) => c.id === choice)) return undefined;
  resetProblem(turn);
  turn.state.stepId = start.id;
  turn.state.trail = [start.id];
  return start;
}

/** Asks the waiting step's question again, unchanged. */
export function repeatQuestion(turn: Turn): void {
  const step = waitingStep(turn);
  if (step) askStep(turn, step);
}

/** Returns to the previous question, forgetting its answer and the current one. */
function goBack(turn: Turn, step: AskStep): void {
  const { state } = turn;
  const trail = state.trail.filter((id) => id !== step.id);
  const previousId = trail.at(-1);
  if (!previousId) {
    sayMessage(turn, 'nothing_to_go_back_to');
    askStep(turn, step);
    return;
  }
  const previous = stepById(turn, previousId);
  if (previous.kind !== 'ask') return askStep(turn, step);
  state.trail = trail.slice(0, -1);
  delete state.slots[previous.slot];
  delete state.slots[step.slot];
  if (previous.expect === 'error') clearError(turn);
  state.answers = state.answers.filter((a) => a.stepId !== previous.id && a.stepId !== step.id);
  if (state.followupId) turn.outputs.push({ kind: 'cancel_schedule', followupId: state.followupId });
  delete state.followupId;
  state.status = 'active';
  state.attempts = 0;
  sayMessage(turn, 'going_back');
  askStep(turn, previous);
}

/** A request for a person, decided by the escalation policy. */
function askForHuman(turn: Turn): void {
  const { state } = turn;
  if (state.status === 'escalated') return sayMessage(turn, 'already_escalated');
  const decision = decideOnHumanRequest(state, turn.deps.policy);
  if (decision.escalate) return escalate(turn, decision.reason, () => sayMessage(turn, 'human_escalated'));
  if (decision.hold === 'routed') return sayMessage(turn, 'human_routed');
  state.humanRequests += 1;
  sayMessage(turn, 'human_first');
  if (waitingStep(turn)) repeatQuestion(turn);
  else startFlow(turn);
}

/** Handles a message outside a flow: before the first problem, or after an outcome. */
function outsideFlow(turn: Turn, cls: Classification): void {
  const { state } = turn;
  const ended = state.stepId !== '';
  // A message carrying an SMTP code is about mail delivery, whatever topic the matcher guessed.
  const hasCode = Boolean(cls.entities.replyCode || cls.entities.enhancedStatus);
  turn.understood = hasCode || ['greeting', 'thanks', 'report_problem', 'correction'].includes(cls.intent) || cls.topic.startsWith('delivery_');
  if (cls.intent === 'greeting') return ended ? sayMessage(turn, 'greeting_again') : (sayMessage(turn, 'welcome'), startFlow(turn));
  if (cls.intent === 'thanks') return sayMessage(turn, 'thanks');
  if (state.status === 'escalated') return sayMessage(turn, 'already_escalated');
  if (!hasCode && cls.topic === 'out_of_scope') return sayMessage(turn, 'out_of_scope');
  if (!hasCode && cls.topic === 'mail_other') return sayMessage(turn, 'mail_other');
  const recurrence = decideOnNewReport(state, turn.now, turn.deps.policy);
  if (recurrence.escalate) {
    absorb(turn, cls, { plainDomains: false });
    return escalate(turn, recurrence.reason, () => sayMessage(turn, 'recurred'));
  }
  if (ended && !['report_problem', 'correction', 'human'].includes(cls.intent) && cls.topic !== 'delivery_temporary' && cls.topic !== 'delivery_permanent') {
    return sayMessage(turn, 'after_end');
  }
  startFlow(turn, cls);
}

/** A correction ("actually it says 550"): a different code than the one known re-routes from the first step. */
function correct(turn: Turn, cls: Classification): boolean {
  const reading = readError(cls.text, cls.entities, true);
  if (!reading) return false;
  const slots = turn.state.slots;
  const differs = (read: string, known: unknown) => read !== '' && read !== (known ?? read);
  const changed =
    differs(reading.replyCode, slots[SLOT.replyCode]) ||
    differs(reading.enhancedStatus, slots[SLOT.enhancedStatus]) ||
    (slots[SLOT.replyCode] === undefined && slots[SLOT.enhancedStatus] === undefined);
  if (!changed && cls.intent !== 'correction') return false;
  turn.understood = true;
  sayMessage(turn, 'correction');
  startFlow(turn, cls);
  return true;
}

/** Reacts to a user's message in the current state. */
export function handleUserMessage(turn: Turn, text: string, choice: string | undefined): void {
  const { state, deps } = turn;
  if (state.handler === 'human') {
    if (firstTime(turn, 'agent_has_it')) sayMessage(turn, 'agent_has_it');
    return;
  }
  if (text.length > MAX_PASTE_CHARS) return sayMessage(turn, 'too_long');
  if (text.trim() === '' && !choice) return (sayMessage(turn, 'empty_message'), repeatQuestion(turn));
  if (!/[\p{L}\p{N}]/u.test(text) && !choice) return (sayMessage(turn, 'unreadable'), repeatQuestion(turn));
  if (!/[A-Za-z0-9]/.test(text) && !choice) return (sayMessage(turn, 'english_only'), repeatQuestion(turn));
  const cls = deps.nlu.classify(text);
  turn.classification = cls;
  const step = waitingStep(turn) ?? (choice ? openedByChoice(turn, choice) : undefined);
  if (step && choice) {
    const value = readAnswer(turn, step, cls, choice);
    if (value !== undefined) return answerStep(turn, step, value, text);
  }
  const side = sideCheckRequest(turn, cls);
  if (side) return side === 'answered' ? repeatQuestion(turn) : undefined;
  const control = cls.confidence >= CONTROL_MIN ? cls.intent : undefined;
  if (control && ['start_over', 'cancel', 'go_back', 'human'].includes(control)) turn.understood = true;
  if (control === 'start_over') return (sayMessage(turn, 'start_over'), startFlow(turn));
  if (control === 'cancel') {
    Object.assign(state, { stepId: '', status: 'active', slots: {}, answers: [], trail: [], attempts: 0 });
    if (state.followupId) turn.outputs.push({ kind: 'cancel_schedule', followupId: state.followupId });
    delete state.followupId;
    return sayMessage(turn, 'cancelled');
  }
  if (control === 'go_back' && step) return goBack(turn, step);
  if (control === 'human') return (absorb(turn, cls, { plainDomains: false }), askForHuman(turn));
  const faq = FAQS[cls.intent];
  // An error step reads codes from anything, so a question like "is 421 permanent?" is answered first there.
  if (step && !(faq && step.expect === 'error')) {
    // A pasted bounce names the recipient; read it before the loose entities, which may hold the sender too.
    const pasted = step.expect === 'error' ? readAnswer(turn, step, cls) : undefined;
    absorb(turn, cls, { plainDomains: step.slot === SLOT.domainScope || step.expect === 'domain' });
    if (!faq && step.expect !== 'error' && step.slot !== SLOT.logStatus && correct(turn, cls)) return;
    const value = pasted ?? (step.expect === 'error' ? undefined : readAnswer(turn, step, cls, undefined, !faq));
    if (value !== undefined) return answerStep(turn, step, value, text);
  }
  if (faq) {
    turn.understood = true;
    sayMessage(turn, faq);
    return step ? repeatQuestion(turn) : startFlow(turn);
  }
  if (!step) return outsideFlow(turn, cls);
  if (cls.intent === 'greeting' || cls.intent === 'thanks') turn.understood = true;
  if (cls.intent === 'greeting') return (sayMessage(turn, 'greeting_again'), repeatQuestion(turn));
  if (cls.intent === 'thanks') return (sayMessage(turn, 'thanks'), repeatQuestion(turn));
  if (cls.confidence >= OFF_TOPIC_MIN && (cls.topic === 'out_of_scope' || cls.topic === 'mail_other')) {
    turn.understood = true;
    sayMessage(turn, cls.topic);
    return repeatQuestion(turn);
  }
  reask(turn, step);
}
