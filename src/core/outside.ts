/**
 * Messages while no check is active: before a problem is recognised (status `idle`) and after an outcome. The
 * walk-through starts only when a message describes a delivery problem or the user picks it from the welcome.
 */
import { decideOnNewReport } from '../handoff/policy.js';
import { asciiClasses, asciiWords } from '../nlu/ascii-words.js';
import type { Classification } from '../nlu/types.js';
import { absorb } from './context.js';
import { escalate } from './escalate.js';
import { startFlow } from './start.js';
import { MENU_STEP } from './state.js';
import { ask, firstTime, sayMessage, type Turn } from './turn.js';

const WORDS = asciiClasses('', '');

const normalise = (text: string) => asciiWords(text, WORDS) ?? text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * How sure the matcher must be of a greeting, thanks or request for a person outside a flow. Unrelated requests
 * ("can you roll the dice") get loose guesses around 0.6; the short-answer lexicon ("hi", "thanks") gives 1.
 */
export const OUTSIDE_MIN = 0.9;

/** A greeting or thanks on its own is a few words; a longer message says something else too. */
const GREETING_WORDS = 6;

/** The welcome with its choices when a conversation opens; a later greeting before any problem gets them shorter. */
export function welcome(turn: Turn): void {
  const { messages } = turn.flow;
  const text = firstTime(turn, 'welcome') ? messages.welcome : `${messages.greeting_again} ${messages.menu_prompt}`;
  ask(turn, MENU_STEP, text, menuChoices(turn));
}

function menuChoices(turn: Turn): { id: string; label: string }[] {
  return turn.flow.menu.map((c) => ({ id: c.id, label: c.label }));
}

/** Per loaded flow, which never changes: its menu labels normalised, worked out once rather than on every message. */
const menuLabels = new WeakMap<Turn['flow'], string[]>();

/** A welcome choice picked by id or typed as its label; true when it was one. */
export function pickFromMenu(turn: Turn, pick: string): boolean {
  const wanted = normalise(pick);
  let labels = menuLabels.get(turn.flow);
  if (labels === undefined) {
    labels = turn.flow.menu.map((c) => normalise(c.label));
    menuLabels.set(turn.flow, labels);
  }
  const choice = turn.flow.menu.find((c, i) => c.id === pick || labels[i] === wanted);
  if (!choice) return false;
  turn.understood = true;
  if (choice.value === 'start') startFlow(turn);
  else sayMessage(turn, 'out_of_scope');
  return true;
}

/** True when the message describes a mail delivery problem: it carries an SMTP code or reads as one. */
export function describesProblem(cls: Classification): boolean {
  if (cls.entities.otherProtocol) return false;
  const hasCode = Boolean(cls.entities.replyCode || cls.entities.enhancedStatus);
  return hasCode || cls.topic === 'delivery_temporary' || cls.topic === 'delivery_permanent';
}

/**
 * Handles a message outside a flow: before the first problem, or after an outcome. `awaited`: the bot has just asked
 * what happens with the mail, so an answer in words ("it comes back with some error") starts the checks.
 */
export function outsideFlow(turn: Turn, cls: Classification, awaited = false): void {
  const { state } = turn;
  const ended = state.stepId !== '';
  const described = awaited && (cls.readings.answers.code_class !== undefined || cls.topic === 'mail_other');
  const problem = describesProblem(cls) || described;
  // "Good morning, quick question: do you do domain transfers?" is a question, not a greeting.
  const short = cls.text.trim().split(/\s+/).length <= GREETING_WORDS;
  const sure = cls.confidence >= OUTSIDE_MIN && !problem && short;
  turn.understood = problem || (sure && (cls.intent === 'greeting' || cls.intent === 'thanks'));
  if (sure && cls.intent === 'greeting') return ended ? sayMessage(turn, 'greeting_again') : welcome(turn);
  if (sure && cls.intent === 'thanks') return sayMessage(turn, 'thanks');
  if (state.status === 'escalated') return sayMessage(turn, 'already_escalated');
  const protocol = cls.entities.otherProtocol;
  if (protocol) {
    turn.understood = true;
    return sayMessage(turn, protocol === 'ftp' ? 'other_protocol_ftp' : 'other_protocol_http');
  }
  // "mail not sending": too vague to start the checks or to turn away; ask what happens, with the choices.
  if (!problem && cls.readings.vague) {
    turn.understood = true;
    state.awaitingProblem = true;
    return ask(turn, MENU_STEP, turn.flow.messages.menu_vague, menuChoices(turn));
  }
  if (!problem) return sayMessage(turn, cls.topic === 'mail_other' ? 'mail_other' : ended ? 'after_end' : 'out_of_scope');
  const recurrence = decideOnNewReport(state, turn.now, turn.deps.policy);
  if (recurrence.escalate) {
    absorb(turn, cls, { plainDomains: false });
    return escalate(turn, recurrence.reason, () => sayMessage(turn, 'recurred'));
  }
  startFlow(turn, cls);
}
