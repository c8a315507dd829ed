/**
 * Reads the answer to the waiting step: a clicked or typed choice, a pasted error, or a duration.
 * Undefined means the answer was unclear and the step is asked again.
 */
import type { AskStep, FlowChoice } from '../flows/schema.js';
import { asciiClasses, asciiWords } from '../nlu/ascii-words.js';
import type { Classification } from '../nlu/types.js';
import { noteDuration, setRecipientDomain } from './context.js';
import { SLOT } from './slots.js';
import { applyError, readError } from './read-error.js';
import type { Turn } from './turn.js';
import type { SlotValue } from './types.js';

/** Intents below this confidence do not count as picking a choice. */
const INTENT_MIN = 0.5;

/** Choices and typed replies are compared as words; an address or a domain stays one word. */
const WORDS = asciiClasses('@.', '');

const normalise = (text: string) => asciiWords(text, WORDS) ?? text.toLowerCase().replace(/[^\p{L}\p{N}@.]+/gu, ' ').trim();

/** `normalise` of a flow's own labels and phrases, which never change: worked out once each, not on every turn. */
const flowWords = new Map<string, string>();
function normaliseFlowText(text: string): string {
  let normal = flowWords.get(text);
  if (normal === undefined) {
    normal = normalise(text);
    flowWords.set(text, normal);
  }
  return normal;
}

function valueOf(choice: FlowChoice): SlotValue {
  return choice.value ?? choice.id;
}

/** The choice picked by id, by its label, by its number in the list, or 'not_sure'. */
export function pickedChoice(step: AskStep, pick: string): SlotValue | undefined {
  const wanted = normalise(pick);
  if (wanted === 'not sure' || pick === 'not_sure') return 'not_sure';
  const byNumber = /^\d{1,2}$/.test(wanted) ? step.choices[Number(wanted) - 1] : undefined;
  const found = step.choices.find((c) => c.id === pick || normaliseFlowText(c.label) === wanted) ?? (step.expect === 'choice' ? byNumber : undefined);
  return found && valueOf(found);
}

/** `padded` is the normalised text with a space at each end. */
function containsPhrase(padded: string, phrase: string): boolean {
  const needle = normaliseFlowText(phrase);
  return needle !== '' && padded.includes(` ${needle} `);
}

/**
 * The choice whose words appear in the text (the longest phrase wins), else the one a plain yes, no or "not sure"
 * picks. Only an explicit one counts ("nah, same as before"): the intent classifier's guess on a longer reply is
 * too loose to answer a question with.
 */
function choiceFromText(step: AskStep, cls: Classification, byPolar: boolean): SlotValue | undefined {
  if (isQuestion(cls)) return undefined;
  const padded = ` ${normalise(cls.text)} `;
  let best: { choice: FlowChoice; length: number } | undefined;
  for (const choice of step.choices) {
    for (const phrase of choice.words ?? []) {
      if (containsPhrase(padded, phrase) && (!best || phrase.length > best.length)) best = { choice, length: phrase.length };
    }
  }
  if (best) return valueOf(best.choice);
  if (!byPolar) return undefined;
  const polar = cls.readings.polar ?? (cls.intent === 'not_sure' && cls.confidence >= INTENT_MIN ? 'not_sure' : undefined);
  if (polar === undefined) return undefined;
  const picked = step.choices.find((c) => c.intents?.includes(polar));
  if (picked) return valueOf(picked);
  return polar === 'not_sure' ? 'not_sure' : undefined;
}

/** "what counts as many?": a question back answers nothing, not even with the words of a choice. */
function isQuestion(cls: Classification): boolean {
  return cls.readings.asking && /\?\s*$/.test(cls.text);
}

/**
 * True when the reply is about something else than this step: it carries another check's subject ("yes I already
 * waited") or a duration where none is asked ("yes, since yesterday"); its yes or no then answers nothing here.
 * A question answers nothing either.
 */
function aboutSomethingElse(step: AskStep, cls: Classification): boolean {
  if (isQuestion(cls)) return true;
  if (step.expect !== 'duration' && cls.entities.durationMinutes !== undefined) return true;
  return cls.readings.subjects.some((s) => s !== step.slot);
}

/** The error step's answer when the text has no code: not at hand, or described in words. */
function describedError(turn: Turn, cls: Classification): SlotValue | undefined {
  const read = cls.readings.answers[SLOT.codeClass];
  if (read !== 'temporary') return read;
  const worded = errorAnswer(turn, cls.text, cls, false);
  if (worded !== undefined) return worded;
  turn.state.slots[SLOT.codeClass] = 'temporary';
  return 'temporary';
}

/** The slot reader's answer (`intents/answers.yaml`), when it is one of the step's choices or "not sure". */
function readerAnswer(step: AskStep, cls: Classification): SlotValue | undefined {
  const read = cls.readings.answers[step.slot];
  if (read === undefined) return undefined;
  return read === 'not_sure' || step.choices.some((c) => valueOf(c) === read) ? read : undefined;
}

/** Reads a pasted or typed error; fills the code slots and the recipient domain as a side effect. */
function errorAnswer(turn: Turn, text: string, cls: Classification, requireCode: boolean): SlotValue | undefined {
  const reading = readError(text, cls.entities, requireCode);
  if (!reading) return undefined;
  applyError(turn, reading);
  if (reading.recipientDomain) setRecipientDomain(turn, reading.recipientDomain);
  return reading.codeClass;
}

/** 'given' when the message names the recipient domain (an address, a domain, or a big provider). */
function domainAnswer(turn: Turn, cls: Classification): SlotValue | undefined {
  const domain = cls.entities.emails.map((email) => email.split('@')[1]).find(Boolean) ?? cls.entities.domains[0];
  if (domain) setRecipientDomain(turn, domain);
  return turn.state.slots[SLOT.recipientDomain] !== undefined && (domain || cls.entities.provider) ? 'given' : undefined;
}

/**
 * The value of the answer to `step`, or undefined when the message does not answer it. `byIntent` lets the
 * matcher's yes / no / not sure pick a choice (off when the message is better read as a question).
 */
export function readAnswer(turn: Turn, step: AskStep, cls: Classification, choice?: string, byIntent = true): SlotValue | undefined {
  const clicked = choice ?? cls.text;
  const picked = pickedChoice(step, clicked);
  // Before the check-back, a bare "ok" or "yes" acknowledges the wait; only words about the retry answer it.
  const elsewhere = aboutSomethingElse(step, cls) || turn.state.status === 'waiting_followup';
  if (step.expect === 'error') {
    if (picked !== undefined) return typeof picked === 'string' && /\d/.test(picked) ? errorAnswer(turn, picked, cls, false) ?? picked : picked;
    return errorAnswer(turn, cls.text, cls, true) ?? describedError(turn, cls) ?? choiceFromText(step, cls, byIntent && !elsewhere);
  }
  if (step.slot === SLOT.logStatus) {
    const seen = readError(cls.text, cls.entities, true);
    if (seen) applyError(turn, seen);
  }
  if (step.expect === 'domain') return picked ?? domainAnswer(turn, cls) ?? choiceFromText(step, cls, byIntent && !elsewhere);
  const duration = step.expect === 'duration' ? cls.entities.durationMinutes : undefined;
  const value = picked ?? duration ?? readerAnswer(step, cls) ?? choiceFromText(step, cls, byIntent && !elsewhere);
  if (step.expect === 'duration' && typeof value === 'number') noteDuration(turn, value);
  return value;
}
