/** Restores the matcher from the model that `npm run build:data` wrote. Loading never trains. */
import { compileAnswerReader } from './answer-readers.js';
import { decideIntent, decideTopic, finalTopic, type IntentInput } from './decide.js';
import { compileEntityExtractor } from './entities.js';
import { MODEL_VERSION, type NluModel } from './model-format.js';
import { compileBayes } from './naive-bayes.js';
import { compileRecipientCounter } from './recipients.js';
import { compileSpelling } from './spelling.js';
import { messageStems, normalizeShort, stem, type MessageStems } from './tokenize.js';
import { INTENTS, TOPICS, type Intent, type Nlu } from './types.js';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkBayes(v: unknown, known: readonly string[], name: string): void {
  if (!isRecord(v) || !Array.isArray(v.labels)) {
    throw new Error(`intent model: "${name}" is not a trained classifier; run npm run build:data`);
  }
  const labels = v.labels;
  const unknown = labels.filter((l) => typeof l !== 'string' || !known.includes(l));
  if (unknown.length > 0) {
    throw new Error(`intent model: "${name}" has labels the code does not know (${unknown.join(', ')}); rebuild it`);
  }
  const perLabel = (x: unknown): boolean => Array.isArray(x) && x.length === labels.length;
  if (!Array.isArray(v.features) || !perLabel(v.levels) || !perLabel(v.absent) || !perLabel(v.logPrior)) {
    throw new Error(`intent model: "${name}" has no precomputed tables; run npm run build:data`);
  }
}

/** Checks the shape of the serialised model, so a stale or foreign file fails at start-up with a clear message. */
function parseModel(model: unknown): NluModel {
  if (!isRecord(model) || model.version !== MODEL_VERSION) {
    const found = isRecord(model) && model.version !== undefined ? `found version ${String(model.version)}, ` : '';
    throw new Error(`intent model: ${found}expected version ${MODEL_VERSION} (precomputed tables); run npm run build:data to rebuild it`);
  }
  checkBayes(model.topic, TOPICS, 'topic');
  checkBayes(model.intent, INTENTS, 'intent');
  if (!isRecord(model.exact) || !isRecord(model.entities) || !Array.isArray(model.correctionMarkers) || !isRecord(model.answers)) {
    throw new Error('intent model: lexicon or entity patterns missing; run npm run build:data');
  }
  return model as unknown as NluModel;
}

const CLAUSE_END = /[,.;!?:()\n–—]| - /;

/**
 * A first clause the short-answer lexicon knows as a whole ("nah", "not really", "no idea"). `opening` is a prefix of
 * the text that classify has normalised already (`normalOpening`): a first clause that long is that same prefix.
 */
export function polarClause(text: string, exact: Map<string, Intent>, opening: string, normalOpening: string): 'yes' | 'no' | 'not_sure' | undefined {
  const end = text.search(CLAUSE_END);
  const first = end < 0 ? text : text.slice(0, end);
  const intent = exact.get(first.length === opening.length ? normalOpening : normalizeShort(first));
  return intent === 'yes' || intent === 'no' || intent === 'not_sure' ? intent : undefined;
}

/** Builds the matcher from a serialised model (the JSON object, not a path). */
export function loadNlu(model: unknown): Nlu {
  const m = parseModel(model);
  const topics = compileBayes(m.topic);
  const intents = compileBayes(m.intent);
  const extractor = compileEntityExtractor(m.entities);
  const readAnswers = compileAnswerReader(m.answers);
  const countRecipients = compileRecipientCounter(m.entities.providers);
  const mendSpelling = compileSpelling(m.entities.spellingTargets, (word) => {
    const s = stem(word);
    return topics.knows(s) || intents.knows(s);
  });
  const exact = new Map<string, Intent>(Object.entries(m.exact));
  const markers = m.correctionMarkers.filter((w) => w.length > 0);
  const markerOpenings = markers.map((w) => `${w} `);
  // Only the opening of a message can match a lexicon entry or a marker; normalising a long paste is wasted work.
  const lookAt = 2 * Math.max(...[...exact.keys(), ...markers].map((k) => k.length)) + 8;

  return {
    classify(original) {
      const text = mendSpelling(original);
      const evidence = extractor.extract(text);
      const { entities, codes } = evidence;
      const opening = text.slice(0, lookAt);
      const short = normalizeShort(opening);
      // Features and scores are worked out only if a rule asks for them: a known short reply needs neither.
      let stems: MessageStems | undefined;
      const exactIntent = text.length <= lookAt ? exact.get(short) : undefined;
      const { topic, confidence: topicConfidence } = decideTopic(evidence, () => topics.score((stems ??= messageStems(text)).content));
      const input: IntentInput = {
        exact: exactIntent,
        correctionMarker: markers.some((w, i) => short === w || short.startsWith(markerOpenings[i] as string)),
        codes,
        entities,
        topic,
        topicConfidence,
        mailOnly: evidence.mailOnly,
      };
      // Inline functions, not named ones: tsx and wrangler build with keepNames, which names each named closure anew.
      const { intent, confidence } = decideIntent(input, () => {
        stems ??= messageStems(text);
        return { scored: intents.score(stems.all), wordCount: stems.wordCount };
      });
      const rounded = Math.round(confidence * 1000) / 1000;
      const readings = readAnswers(text, countRecipients(text, entities.domains));
      const polar = polarClause(text, exact, opening, short) ?? readings.polar;
      if (polar) readings.polar = polar;
      return { text: original, topic: finalTopic(topic, topicConfidence, intent, codes, exactIntent !== undefined), intent, confidence: rounded, entities, readings };
    },
  };
}
