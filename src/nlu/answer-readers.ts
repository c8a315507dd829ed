/**
 * Reads typed answers slot by slot, and the facts a message gives for other checks, from the cue lists of
 * `intents/answers.yaml` (its header explains the clause and subject rules). Pure: compiled once from the model.
 */
import { anyOf } from './cues.js';
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
  values: [string, RegExp][];
  negated: Record<string, string>;
}

interface Clause {
  text: string;
  subjects: string[];
}

/** A clause with the value it gives for each slot, read once: the answer and the fact below both look at it. */
interface Told {
  clause: Clause;
  values: Map<string, string | undefined>;
  about: string[];
}

function compileSlot(name: string, cues: SlotCues): CompiledSlot {
  return {
    name,
    subject: cues.subject.length > 0 ? anyOf(cues.subject) : undefined,
    values: Object.entries(cues.values).map(([value, patterns]) => [value, anyOf(patterns, 'gi')]),
    negated: cues.negated ?? {},
  };
}

/** Cuts a message into clauses and finds what each is about; a clause without a subject inherits the one before. */
function clausesOf(text: string, slots: CompiledSlot[]): Clause[] {
  const clauses: Clause[] = [];
  for (const sentence of text.split(SENTENCE)) {
    // The clause that ends in "?" asks; the ones before it may still answer ("a newsletter, is that a lot?").
    const parts = sentence.split(CLAUSE);
    if (QUESTION.test(sentence)) parts.pop();
    let inherited: string[] = [];
    for (const part of parts) {
      const clause = part.trim();
      if (clause === '') continue;
      const own = slots.filter((s) => s.subject?.test(clause)).map((s) => s.name);
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
  let flipped: string | undefined;
  for (const [value, pattern] of slot.values) {
    for (let m = firstMatch(pattern, clause); m !== null; m = nextMatch(pattern, clause)) {
      const at = m.index;
      // "not sure" and "haven't tried" carry their own negation: they are never flipped.
      if (value === 'not_sure' || !NEGATED.test(clause.slice(Math.max(0, at - 30), at))) return value;
      flipped ??= slot.negated[value];
    }
  }
  return flipped;
}

/** The value the given clauses give for a slot: "not sure" anywhere, else the last clause that says something. */
function lastValue(told: Told[], slot: CompiledSlot): string | undefined {
  let found: string | undefined;
  for (const t of told) {
    const value = t.values.get(slot.name);
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
  const asking = anyOf(spec.howto.asking);
  const clarify = anyOf(spec.clarify);
  const vague = anyOf(spec.vague);
  const polar = Object.entries(spec.polar).map(([value, patterns]) => [value as Polar, anyOf(patterns)] as const);
  const topics = Object.entries(spec.howto.topics).map(([topic, patterns]) => [topic, anyOf(patterns)] as const);
  return (text, recipients) => {
    // What each clause tells: the slots it is about and gives a value for ("the recipient confirmed they got it"
    // names recipients but says nothing about how many domains, so it can still answer "did it go through?").
    const told = clausesOf(text, slots).map((clause): Told => {
      const values = new Map(slots.map((s) => [s.name, valueIn(clause.text, s)]));
      return { clause, values, about: slots.filter((s) => clause.subjects.includes(s.name) && values.get(s.name) !== undefined).map((s) => s.name) };
    });
    const answers: Record<string, string> = {};
    const facts: Record<string, string> = {};
    for (const slot of slots) {
      // A slot without subject words (the check-back "still failing?") reads every clause.
      const open = told.filter((t) => !slot.subject || t.about.length === 0 || t.about.includes(slot.name));
      const answer = lastValue(open, slot);
      if (answer !== undefined) answers[slot.name] = answer;
      const fact = lastValue(told.filter((t) => t.about.includes(slot.name)), slot);
      if (fact !== undefined) facts[slot.name] = fact;
    }
    if (answers.domain_scope === undefined && recipients > 0) answers.domain_scope = recipients > 1 ? 'several' : 'one';
    const subjects = [...new Set(told.flatMap((t) => t.about))];
    const isQuestion = asking.test(text);
    const howto = isQuestion ? topics.filter(([, pattern]) => pattern.test(text)).map(([topic]) => topic) : [];
    const opening = polar.find(([, pattern]) => pattern.test(text))?.[0];
    return { answers, facts, subjects, asking: isQuestion, clarify: clarify.test(text), vague: vague.test(text), howto, ...(opening ? { polar: opening } : {}) };
  };
}
