/**
 * Reads typed answers slot by slot, and the facts a message gives for other checks, from the cue lists of
 * `intents/answers.yaml` (its header explains the clause and subject rules). Pure: compiled once from the model.
 */
import { anyOf } from './alternation.js';
import { firstMatch, nextMatch } from './matches.js';
import type { AnswerSpec, SlotCues } from './model-format.js';
import type { Readings } from './types.js';

type Polar = NonNullable<Readings['polar']>;

/**
 * "not a newsletter", "didn't really go through", "no bulk", "none delivered": the cue after is denied. "no" and
 * "none" deny only the word right after them: in "no it failed again" the "no" answers the question.
 */
const NEGATED = /(?:(?:\b(?:not|never|without|nor|neither)\b|n't|\bnt\b)(?:\s+(?:\w+|'\w+)){0,2}|\b(?:no|none|nothing)\b)\s*$/i;

/** Sentences, then clauses inside them. */
const SENTENCE = /(?<=[.!?;\n])\s+|\n/;
const QUESTION = /\?\s*$/;
const CLAUSE = /,|\s[-–—]\s|\s\(|\)\s|\bbut\b|\bhowever\b/i;

interface CompiledSlot {
  name: string;
  subject: RegExp | undefined;
  /** Any of the value cues at all: most clauses have none, and one scan says so. */
  anyValue: RegExp;
  values: [string, RegExp][];
  negated: Record<string, string>;
}

interface Clause {
  text: string;
  /** Positions in the slot list of the slots the clause is about. */
  subjects: number[];
}

/** A clause's value for each slot (by position), read once: the answer and the fact below both look at it. */
interface Told {
  values: (string | undefined)[];
  /** Per slot: the clause is about it and gives a value for it. */
  about: boolean[];
  aboutAny: boolean;
}

function compileSlot(name: string, cues: SlotCues): CompiledSlot {
  return {
    name,
    subject: cues.subject.length > 0 ? anyOf(cues.subject) : undefined,
    anyValue: anyOf(Object.values(cues.values).flat()),
    values: Object.entries(cues.values).map(([value, patterns]) => [value, anyOf(patterns, 'gi')]),
    negated: cues.negated ?? {},
  };
}

/**
 * Cuts a message into clauses and finds what each is about; a clause without a subject inherits the one before.
 * `anySubject` matches where any slot's subject does (one alternation of them all): most clauses have none.
 */
function clausesOf(text: string, slots: CompiledSlot[], anySubject: RegExp): Clause[] {
  const clauses: Clause[] = [];
  for (const sentence of text.split(SENTENCE)) {
    // The clause that ends in "?" asks; the ones before it may still answer ("a newsletter, is that a lot?").
    const parts = sentence.split(CLAUSE);
    if (QUESTION.test(sentence)) parts.pop();
    let inherited: number[] = [];
    for (const part of parts) {
      const clause = part.trim();
      if (clause === '') continue;
      const own: number[] = [];
      if (anySubject.test(clause)) {
        slots.forEach((s, i) => {
          if (s.subject?.test(clause)) own.push(i);
        });
      }
      const subjects = own.length > 0 ? own : inherited;
      clauses.push({ text: clause, subjects });
      inherited = subjects;
    }
  }
  return clauses;
}

/**
 * The value a clause gives for a slot: a cue of the value listed first wins; a denied cue counts as its `negated`
 * value instead, after the plain cues.
 */
function valueIn(clause: string, slot: CompiledSlot): string | undefined {
  if (!slot.anyValue.test(clause)) return undefined;
  let flipped: string | undefined;
  for (const [value, pattern] of slot.values) {
    // "not sure" and "haven't tried" carry their own negation: they are never flipped, so any match decides.
    if (value === 'not_sure') {
      pattern.lastIndex = 0;
      if (pattern.test(clause)) return value;
      continue;
    }
    for (let m = firstMatch(pattern, clause); m !== null; m = nextMatch(pattern, clause)) {
      const at = m.index;
      if (!NEGATED.test(clause.slice(Math.max(0, at - 30), at))) return value;
      flipped ??= slot.negated[value];
    }
  }
  return flipped;
}

/** What a clause tells about every slot. */
function tell(clause: Clause, slots: CompiledSlot[]): Told {
  const values = slots.map((s) => valueIn(clause.text, s));
  const about = values.map((v, i) => v !== undefined && clause.subjects.includes(i));
  return { values, about, aboutAny: about.includes(true) };
}

/**
 * The value the clauses that `counts` gives for slot `i`: "not sure" anywhere, else the last clause that says
 * something.
 */
function lastValue(told: Told[], i: number, counts: (t: Told) => boolean): string | undefined {
  let found: string | undefined;
  for (const t of told) {
    if (!counts(t)) continue;
    const value = t.values[i];
    if (value === 'not_sure') return value;
    found = value ?? found;
  }
  return found;
}

/** A compiled reader: every slot's answer, the facts for other checks, and the how-to topics asked about. */
export type AnswerReader = (text: string, recipients: number) => Readings;

/**
 * Compiles the answer cues. `recipients` is how many distinct providers and domains the message names: a short
 * answer listing two or more ("bigpond, icloud and a few .co.za") means several domains; naming one means one.
 */
export function compileAnswerReader(spec: AnswerSpec): AnswerReader {
  const slots = Object.entries(spec.slots).map(([name, cues]) => compileSlot(name, cues));
  const anySubject = anyOf(Object.values(spec.slots).flatMap((cues) => cues.subject));
  const asking = anyOf(spec.howto.asking);
  const clarify = anyOf(spec.clarify);
  const vague = anyOf(spec.vague);
  const polar = Object.entries(spec.polar).map(([value, patterns]) => [value as Polar, anyOf(patterns)] as const);
  const topics = Object.entries(spec.howto.topics).map(([topic, patterns]) => [topic, anyOf(patterns)] as const);
  return (text, recipients) => {
    // What each clause tells: the slots it is about and gives a value for ("the recipient confirmed they got it"
    // names recipients but says nothing about how many domains, so it can still answer "did it go through?").
    const told = clausesOf(text, slots, anySubject).map((clause) => tell(clause, slots));
    const answers: Record<string, string> = {};
    const facts: Record<string, string> = {};
    slots.forEach((slot, i) => {
      // A slot without subject words (the check-back "still failing?") reads every clause.
      const answer = lastValue(told, i, (t) => !slot.subject || !t.aboutAny || t.about[i] === true);
      if (answer !== undefined) answers[slot.name] = answer;
      const fact = lastValue(told, i, (t) => t.about[i] === true);
      if (fact !== undefined) facts[slot.name] = fact;
    });
    if (answers.domain_scope === undefined && recipients > 0) answers.domain_scope = recipients > 1 ? 'several' : 'one';
    const subjects: string[] = [];
    for (const t of told) {
      if (!t.aboutAny) continue;
      slots.forEach((slot, i) => {
        if (t.about[i] && !subjects.includes(slot.name)) subjects.push(slot.name);
      });
    }
    const isQuestion = asking.test(text);
    const howto = isQuestion ? topics.filter(([, pattern]) => pattern.test(text)).map(([topic]) => topic) : [];
    const opening = polar.find(([, pattern]) => pattern.test(text))?.[0];
    const readings: Readings = { answers, facts, subjects, asking: isQuestion, clarify: clarify.test(text), vague: vague.test(text), howto };
    if (opening) readings.polar = opening;
    return readings;
  };
}
