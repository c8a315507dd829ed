/**
 * A user's message: bad input first, then what may come at any point (start over, cancel, go back, a human,
 * FAQs, corrections, greetings), then the answer to the waiting step.
 */
import type { AskStep } from '../flows/schema.js';
import { decideOnHumanRequest } from '../handoff/policy.js';
import type { Classification, Intent } from '../nlu/types.js';
import { readAnswer } from './answers.js';
import { absorb } from './context.js';
import { escalate } from './escalate.js';
import { storeFacts } from './facts.js';
import { answerHowto } from './howto.js';
import { answerStep, askStep, knownAnswer, reask, settleStep } from './interpreter.js';
import { describesProblem, OUTSIDE_MIN, outsideFlow, pickFromMenu } from './outside.js';
import { applyError, clearError, MAX_PASTE_CHARS, readError } from './read-error.js';
import { sideCheckRequest } from './side-checks.js';
import { SLOT } from './slots.js';
import { openedByChoice, startFlow } from './start.js';
import { firstTime, say, sayMessage, stepById, type Turn } from './turn.js';

/** Matcher confidence needed before a control intent (cancel, start over, ...) interrupts the flow. */
const CONTROL_MIN = 0.5;
/** A common question the matcher is this sure of wins over reading the message as a question about ours. */
const SURE_FAQ = 0.95;
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
  if (!waitingStep(turn)) return sayMessage(turn, 'human_idle');
  sayMessage(turn, 'human_first');
  repeatQuestion(turn);
}

/** A code read now that is not the one known (nothing known: any code read differs). */
function differs(read: string, known: unknown): boolean {
  return read !== '' && read !== (known ?? read);
}

/**
 * A correction ("actually it says 550"): a different code than the one known re-routes from the first step. A 4xx
 * named after the user had no error text at hand fills the codes in and the conversation goes on where it is
 * ("the test bounced with the same 421" still answers the test question).
 */
function correct(turn: Turn, cls: Classification): boolean {
  const reading = readError(cls.text, cls.entities, true);
  if (!reading) return false;
  const slots = turn.state.slots;
  const noneKnown = slots[SLOT.replyCode] === undefined && slots[SLOT.enhancedStatus] === undefined;
  if (noneKnown && reading.codeClass === 'temporary' && cls.intent !== 'correction') {
    applyError(turn, reading);
    return false;
  }
  const changed = differs(reading.replyCode, slots[SLOT.replyCode]) || differs(reading.enhancedStatus, slots[SLOT.enhancedStatus]) || noneKnown;
  if (!changed && cls.intent !== 'correction') return false;
  turn.understood = true;
  sayMessage(turn, 'correction');
  startFlow(turn, cls);
  return true;
}

/**
 * Reads a message as the answer to the waiting step, storing what it says about other checks on the way. True
 * when the message moved the conversation on (answered, settled by a fact, or re-routed by a correction).
 */
function answerAtStep(turn: Turn, step: AskStep, cls: Classification, faq: boolean): boolean {
  // A pasted bounce names the recipient; read it before the loose entities, which may hold the sender too.
  const pasted = step.expect === 'error' ? readAnswer(turn, step, cls) : undefined;
  absorb(turn, cls, { plainDomains: step.slot === SLOT.domainScope || step.expect === 'domain' });
  if (!faq && step.expect !== 'error' && step.slot !== SLOT.logStatus && correct(turn, cls)) return true;
  const value = pasted ?? (step.expect === 'error' ? undefined : readAnswer(turn, step, cls, undefined, !faq));
  const noted = storeFacts(turn, cls, step, { quiet: false, answered: value !== undefined });
  for (const line of noted) say(turn, line);
  if (value !== undefined) return (answerStep(turn, step, value, cls.text), true);
  if (knownAnswer(turn.state.slots, step) !== undefined) return (settleStep(turn, step, cls.text), true);
  if (noted.length === 0) return false;
  turn.understood = true;
  askStep(turn, step);
  return true;
}

const CODE = /\b[45]\d{2}\b|\b[45]\.\d{1,3}\.\d{1,3}\b/;

/** The sentences of a message that do not ask anything. */
function statedPart(text: string): string {
  return text.split(/(?<=[.!?\n])\s+/).filter((sentence) => !/\?\s*$/.test(sentence)).join(' ');
}

/** Clears the current problem and waits for a new one. */
function cancel(turn: Turn): void {
  const { state } = turn;
  Object.assign(state, { stepId: '', status: 'idle', slots: {}, answers: [], trail: [], attempts: 0 });
  if (state.followupId) turn.outputs.push({ kind: 'cancel_schedule', followupId: state.followupId });
  delete state.followupId;
  sayMessage(turn, 'cancelled');
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
  const awaited = state.awaitingProblem === true;
  delete state.awaitingProblem;
  if (!waitingStep(turn) && state.stepId === '' && pickFromMenu(turn, choice ?? text)) return;
  const step = waitingStep(turn) ?? (choice && openedByChoice(turn, choice) ? waitingStep(turn) : undefined);
  if (step && choice) {
    const value = readAnswer(turn, step, cls, choice);
    if (value !== undefined) return answerStep(turn, step, value, text);
  }
  const side = sideCheckRequest(turn, cls);
  if (side) return side === 'answered' ? repeatQuestion(turn) : undefined;
  if (answerHowto(turn, cls)) return repeatQuestion(turn);
  // "what does that mean, is my domain blacklisted?" asks a common question; "what do you mean?" asks about ours.
  const sureFaq = FAQS[cls.intent] !== undefined && cls.confidence >= SURE_FAQ;
  if (step && cls.readings.clarify && !sureFaq) {
    turn.understood = true;
    return askStep(turn, step, step.help ?? step.question);
  }
  // "since last week" answers the waiting question; the classifier's "go back" guess on it does not count.
  const answers = step !== undefined && (cls.readings.answers[step.slot] !== undefined || (step.expect === 'duration' && cls.entities.durationMinutes !== undefined));
  // Before any problem there is nothing to cancel, restart or go back to, and only a clear request for a person counts.
  const idle = state.stepId === '';
  // A message that answers the question asks for a person only if it says so clearly.
  const needed = idle || answers ? OUTSIDE_MIN : CONTROL_MIN;
  const trusted = (idle ? cls.intent === 'human' : true) && cls.confidence >= needed;
  const control = trusted && !(answers && cls.intent !== 'human') ? cls.intent : undefined;
  if (control && ['start_over', 'cancel', 'go_back', 'human'].includes(control)) turn.understood = true;
  if (control === 'start_over') return (sayMessage(turn, 'start_over'), startFlow(turn));
  if (control === 'cancel') return cancel(turn);
  if (control === 'go_back' && step) return goBack(turn, step);
  if (control === 'human') return (absorb(turn, cls, { plainDomains: false }), askForHuman(turn));
  // Only a question is a question: "deferred, 421 temporary system problem" reports a problem, it asks nothing.
  // Before any problem, only a question about mail is answered as one ("can you roll the dice" is not).
  const faq = cls.readings.asking && !(idle && cls.topic === 'out_of_scope') ? FAQS[cls.intent] : undefined;
  // An error step reads codes from anything, so a question like "is 421 permanent?" is answered first there.
  if (step && !(faq && step.expect === 'error') && answerAtStep(turn, step, cls, faq !== undefined)) return;
  if (faq) {
    turn.understood = true;
    sayMessage(turn, faq);
    if (step) return repeatQuestion(turn);
    // A question about a 421 shows the problem is there, but its code is the user's error only when a sentence
    // that asks nothing names it ("is it permanent? mail to gmail is deferred with 421").
    if (!describesProblem(cls)) return sayMessage(turn, 'menu_prompt');
    return CODE.test(statedPart(cls.text)) ? startFlow(turn, cls) : startFlow(turn);
  }
  if (!step) return outsideFlow(turn, cls, awaited);
  // While the bot waits to check back, "ok I'll wait" or "thanks" is not an answer to "did the retry work?".
  if (state.status === 'waiting_followup') return sayMessage(turn, 'waiting_ack');
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
