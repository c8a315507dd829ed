/**
 * Turns the parsed files of `intents/` into training documents. Pure, so the build script and the
 * cross-validation share it. Topic examples also train the intent model: mail examples are `report_problem`,
 * out-of-scope examples are `unknown`, so a problem description is never mistaken for a short answer.
 */
import type { AnswerSpec, EntityPatterns, ExactLexicon } from './model-format.js';
import { normalizeShort } from './tokenize.js';
import type { Intent, Topic } from './types.js';

/** One parsed file of `intents/`: its name (for messages) and its YAML/JSON content. */
export interface IntentFile {
  name: string;
  content: unknown;
}

/** One training sentence and its label. */
export interface TrainingDoc<L extends string> {
  text: string;
  label: L;
}

/** Everything a model is trained from. */
export interface TrainingData {
  topicDocs: TrainingDoc<Topic>[];
  intentDocs: TrainingDoc<Intent>[];
  exact: ExactLexicon;
  correctionMarkers: string[];
  entities: EntityPatterns;
  answers: AnswerSpec;
}

interface IntentEntry {
  exact?: string[];
  examples?: string[];
  markers?: string[];
}

/** Collects training documents from files that `validateIntents` accepted. */
export function collectTrainingData(files: IntentFile[]): TrainingData {
  const data: Omit<TrainingData, 'entities' | 'answers'> = { topicDocs: [], intentDocs: [], exact: {}, correctionMarkers: [] };
  let entities: EntityPatterns | undefined;
  let answers: AnswerSpec | undefined;
  for (const { content } of files) {
    const c = content as Record<string, unknown>;
    if (c.kind === 'topic') {
      const topic = c.topic as Topic;
      for (const text of c.examples as string[]) {
        data.topicDocs.push({ text, label: topic });
        data.intentDocs.push({ text, label: topic === 'out_of_scope' ? 'unknown' : 'report_problem' });
      }
    } else if (c.kind === 'intent') {
      for (const [intent, entry] of Object.entries(c.intents as Record<string, IntentEntry>)) {
        for (const text of entry.examples ?? []) data.intentDocs.push({ text, label: intent as Intent });
        for (const text of entry.exact ?? []) {
          data.exact[normalizeShort(text)] = intent as Intent;
          data.intentDocs.push({ text, label: intent as Intent });
        }
        data.correctionMarkers.push(...(entry.markers ?? []).map(normalizeShort));
      }
    } else if (c.kind === 'entities') {
      const { kind: _kind, ...patterns } = c;
      entities = patterns as unknown as EntityPatterns;
    } else if (c.kind === 'answers') {
      answers = { slots: c.slots, polar: c.polar, clarify: c.clarify, vague: c.vague, howto: c.howto } as AnswerSpec;
    }
  }
  if (!entities) throw new Error('intents/: no file has "kind: entities"; add intents/entities.yaml');
  if (!answers) throw new Error('intents/: no file has "kind: answers"; add intents/answers.yaml');
  return { ...data, entities, answers };
}
