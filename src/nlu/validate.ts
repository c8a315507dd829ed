/**
 * Checks the files of `intents/` before training, for `npm run flows:check` and the build. Each problem names the
 * file, the intent or topic, what is wrong and how to fix it, in plain words.
 */
import { answerFileProblems } from './validate-answers.js';
import { normalizeShort } from './tokenize.js';
import { INTENTS, TOPICS } from './types.js';

/** Fewer examples than this and the classifier cannot learn the label. */
export const MIN_EXAMPLES = 8;

/** Intents trained from the topic files rather than from an intent entry. */
const FROM_TOPICS = new Set(['report_problem', 'unknown']);
const ENTITY_PATTERNS = ['technical', 'resending', 'mailCues', 'webCues', 'weakCueBlockers', 'mailOnlyCues', 'mailVocabulary'] as const;
const ENTITY_LISTS = [...ENTITY_PATTERNS, 'tlds', 'fileExtensions', 'spellingTargets'] as const;
const CUE_LISTS = ['temporaryCues', 'permanentCues'] as const;

function checkPatterns(name: string, key: string, sources: string[], problems: string[]): void {
  for (const source of sources) {
    try {
      new RegExp(source, 'i');
    } catch (err) {
      problems.push(`${name}: "${key}:" entry ${source} is not a valid regular expression (${(err as Error).message}); fix or quote it`);
    }
  }
}
const ENTITY_TABLES = ['providers', 'mtas'] as const;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** Why a list is not a list of strings, naming the first bad entry (YAML reads "a: b" as a mapping). */
function listProblem(v: unknown): string {
  if (!Array.isArray(v)) return 'is missing or not a list';
  const i = v.findIndex((x) => typeof x !== 'string');
  return `entry ${i + 1} (${JSON.stringify(v[i])}) is not plain text; put it in single quotes`;
}

function checkTopic(name: string, c: Record<string, unknown>, seen: Map<string, string>, problems: string[]): string | undefined {
  const topic = c.topic;
  if (typeof topic !== 'string' || !(TOPICS as readonly string[]).includes(topic)) {
    problems.push(`${name}: "topic: ${String(topic)}" is not a topic; use one of ${TOPICS.join(', ')}`);
    return undefined;
  }
  if (!stringList(c.examples) || c.examples.length < MIN_EXAMPLES) {
    problems.push(`${name}: topic ${topic} needs "examples:" with at least ${MIN_EXAMPLES} sentences (plain strings)`);
    return topic;
  }
  for (const text of c.examples) {
    const key = normalizeShort(text);
    const other = seen.get(key);
    if (other !== undefined && other !== topic) {
      problems.push(`${name}: the example "${text}" is listed under both ${other} and ${topic}; keep it in one topic only`);
    }
    seen.set(key, topic);
  }
  return topic;
}

function checkIntents(name: string, c: Record<string, unknown>, exactOwner: Map<string, string>, problems: string[]): string[] {
  if (!isRecord(c.intents)) {
    problems.push(`${name}: "kind: intent" files need an "intents:" mapping of intent names to { exact, examples }`);
    return [];
  }
  const found: string[] = [];
  for (const [intent, entry] of Object.entries(c.intents)) {
    if (!(INTENTS as readonly string[]).includes(intent) || FROM_TOPICS.has(intent)) {
      problems.push(`${name}: "${intent}" is not an intent that can be trained here; use one of ${INTENTS.filter((i) => !FROM_TOPICS.has(i)).join(', ')}`);
      continue;
    }
    found.push(intent);
    if (!isRecord(entry)) {
      problems.push(`${name}: intent ${intent} must be a mapping with "exact:" and/or "examples:" lists`);
      continue;
    }
    for (const key of ['exact', 'examples', 'markers'] as const) {
      if (entry[key] !== undefined && !stringList(entry[key])) {
        problems.push(`${name}: intent ${intent}: "${key}:" must be a list of strings; quote values such as 'true' or '?'`);
      }
    }
    const exact = stringList(entry.exact) ? entry.exact : [];
    const examples = stringList(entry.examples) ? entry.examples : [];
    if (exact.length + examples.length < MIN_EXAMPLES) {
      problems.push(`${name}: intent ${intent} has ${exact.length + examples.length} phrases; add examples until it has at least ${MIN_EXAMPLES}`);
    }
    for (const text of exact) {
      const key = normalizeShort(text);
      if (key === '') problems.push(`${name}: intent ${intent}: exact phrase "${text}" is only punctuation; remove it`);
      const owner = exactOwner.get(key);
      if (key !== '' && owner !== undefined && owner !== intent) {
        problems.push(`${name}: exact phrase "${text}" belongs to both ${owner} and ${intent}; keep it under one intent`);
      }
      exactOwner.set(key, intent);
    }
  }
  return found;
}

function checkEntities(name: string, c: Record<string, unknown>, problems: string[]): void {
  for (const key of ENTITY_TABLES) {
    const table = c[key];
    if (!isRecord(table) || !Object.values(table).every(stringList)) {
      problems.push(`${name}: "${key}:" must map each normalised name to a list of aliases`);
    }
  }
  for (const key of ENTITY_LISTS) {
    if (!stringList(c[key])) problems.push(`${name}: "${key}:" ${listProblem(c[key])}`);
  }
  for (const key of ENTITY_PATTERNS) checkPatterns(name, key, stringList(c[key]) ? c[key] : [], problems);
  for (const key of CUE_LISTS) {
    const lists = c[key];
    if (!isRecord(lists)) {
      problems.push(`${name}: "${key}:" must have "strong:" and "weak:" lists of regular expressions`);
      continue;
    }
    if (!stringList(lists.strong) || !stringList(lists.weak)) {
      for (const part of ['strong', 'weak'] as const) {
        if (!stringList(lists[part])) problems.push(`${name}: "${key}.${part}:" ${listProblem(lists[part])}`);
      }
      continue;
    }
    checkPatterns(name, `${key}.strong`, lists.strong, problems);
    checkPatterns(name, `${key}.weak`, lists.weak, problems);
  }
  const rel = c.relativeDurations;
  if (!isRecord(rel) || !Object.values(rel).every((v) => typeof v === 'number' && v > 0)) {
    problems.push(`${name}: "relativeDurations:" must map phrases to a positive number of minutes`);
  }
}

/** Every problem in the given `intents/` files; an empty list means they can be trained. */
export function validateIntents(files: { name: string; content: unknown }[]): string[] {
  const problems: string[] = [];
  const topics = new Set<string>();
  const intents = new Set<string>();
  const seenExamples = new Map<string, string>();
  const exactOwner = new Map<string, string>();
  let entityFiles = 0;
  let answerFiles = 0;
  for (const { name, content } of files) {
    if (!isRecord(content)) {
      problems.push(`${name}: the file is not a mapping; start it with "kind: topic", "kind: intent", "kind: entities" or "kind: answers"`);
      continue;
    }
    if (content.kind === 'topic') {
      const topic = checkTopic(name, content, seenExamples, problems);
      if (topic) topics.add(topic);
    } else if (content.kind === 'intent') {
      for (const i of checkIntents(name, content, exactOwner, problems)) intents.add(i);
    } else if (content.kind === 'entities') {
      entityFiles++;
      checkEntities(name, content, problems);
    } else if (content.kind === 'answers') {
      answerFiles++;
      problems.push(...answerFileProblems(name, content));
    } else {
      problems.push(`${name}: "kind: ${String(content.kind)}" is unknown; use topic, intent, entities or answers`);
    }
  }
  for (const t of TOPICS) if (!topics.has(t)) problems.push(`intents/: no file trains topic ${t}; add a "kind: topic" file for it`);
  for (const i of INTENTS) {
    if (!FROM_TOPICS.has(i) && !intents.has(i)) problems.push(`intents/: intent ${i} has no examples; add it to a "kind: intent" file`);
  }
  if (entityFiles !== 1) problems.push(`intents/: expected exactly one "kind: entities" file, found ${entityFiles}`);
  if (answerFiles !== 1) problems.push(`intents/: expected exactly one "kind: answers" file, found ${answerFiles}`);
  return problems;
}
