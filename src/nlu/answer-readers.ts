/**
 * Reads typed answers slot by slot, and the facts a message gives for other checks, from the cue lists of
 * `intents/answers.yaml` (its header explains the clause and subject rules). Pure: compiled once from the model.
 */
import { anyOf } from './cues.js';
import type { AnswerSpec, SlotCues } from './model-format.js';
import type { Readings } from './types.js';

/** "not a newsletter", "didn't go through", "none delivered": the cue right after is denied. */
const NEGATED = /(?:\b(?:no|not|never|without|none|nor|nothing|neither)\b|n't|\bnt\b)(?:\s+(?:\w+|'\w+)){0,2}\s*$/i;

/** Sentences (a question is kept apart: it answers nothing), then clauses inside them. */
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
    if (QUESTION.test(sentence)) continue;
    let inherited: string[] = [];
    for (const part of sentence.split(CLAUSE)) {
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

/** The value a clause gives for a slot: the last cue found wins; a denied cue counts as its `negated` value. */
function valueIn(clause: string, slot: CompiledSlot): string | undefined {
  let best: { at: number; value: string } | undefined;
  for (const [value, pattern] of slot.values) {
    for (const m of clause.matchAll(pattern)) {
      const at = m.index ?? 0;
      const denied = NEGATED.test(clause.slice(Math.max(0, at - 30), at));
      const read = denied ? slot.negated[value] : value;
      // "not sure" and "haven't tried" carry their own negation: they are never flipped.
      const kept = value === 'not_sure' ? value : read;
      if (kept !== undefined && (!best || at >= best.at)) best = { at, value: kept };
    }
  }
  return best?.value;
}

/** The last value the given clauses give for a slot. */
function lastValue(clauses: Clause[], slot: CompiledSlot): string | undefined {
  let found: string | undefined;
  for (const clause of clauses) found = valueIn(clause.text, slot) ?? found;
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
  const topics = Object.entries(spec.howto.topics).map(([topic, patterns]) => [topic, anyOf(patterns)] as const);
  return (text, recipients) => {
    const clauses = clausesOf(text, slots);
    const answers: Record<string, string> = {};
    const facts: Record<string, string> = {};
    for (const slot of slots) {
      // A slot without subject words (the check-back "still failing?") reads every clause.
      const open = slot.subject ? clauses.filter((c) => c.subjects.length === 0 || c.subjects.includes(slot.name)) : clauses;
      const answer = lastValue(open, slot);
      if (answer !== undefined) answers[slot.name] = answer;
      const fact = lastValue(clauses.filter((c) => c.subjects.includes(slot.name)), slot);
      if (fact !== undefined) facts[slot.name] = fact;
    }
    if (answers.domain_scope === undefined && recipients > 0) answers.domain_scope = recipients > 1 ? 'several' : 'one';
    const subjects = [...new Set(clauses.flatMap((c) => c.subjects))];
    const isQuestion = asking.test(text);
    const howto = isQuestion ? topics.filter(([, pattern]) => pattern.test(text)).map(([topic]) => topic) : [];
    return { answers, facts, subjects, asking: isQuestion, howto };
  };
}
