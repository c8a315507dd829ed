/**
 * Turns a message into classifier features. Training and classifying share this function, so what the model
 * learned and what it sees are the same tokens. Codes, addresses and numbers become placeholders: the model should
 * learn "a 4xx code appeared here", not the exact digits.
 */
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';

const REPLACEMENTS: [RegExp, string][] = [
  [/\bhttps?:\/\/\S+/gi, ' xurl '],
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, ' xemail '],
  [/\b\d{1,3}(?:\.(?:\d{1,3}|x{1,3}|\*)){3}\b/gi, ' xip '],
  [/(?<![\d.])([245])\.\d{1,3}\.\d{1,3}(?![\d.]*\d)/g, ' xdsn$1 '],
  [/(?<![\w.])([245])[0-5]\d(?=s?\b)(?!\.\d)/g, ' xcode$1 '],
  [/\b([45])xx\b/gi, ' xcode$1 '],
  [/\b\d+\b/g, ' xnum '],
];

/** Lower-cased, placeholder-substituted words before stemming. */
function words(text: string): string[] {
  let t = text.toLowerCase();
  for (const [pattern, replacement] of REPLACEMENTS) t = t.replace(pattern, replacement);
  return t.replace(/['’]/g, '').split(/[^a-z0-9]+/).filter((w) => w.length > 0);
}

/** Function words that say nothing about a topic; intents keep them ("not sure", "go back"). */
const STOP_WORDS = new Set(
  'a an the and or but if of to in on at by for from with as is are was were be been being am it its this that these those i me my we our you your he she they them their there here do does did has have had will would can could should shall may might must so than then too very just also about into over after before up down out off again once all any each other some such only own same s t'.split(' '),
);

const PLACEHOLDER = /^x(?:code|dsn)\d$|^x(?:url|email|ip|num)$/;

/** Stemming dominates the cost of a message; the vocabulary of support chats is small, so stems are memoised. */
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 20_000;

function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = PLACEHOLDER.test(word) ? word : PorterStemmer.stem(word);
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

function withBigrams(stems: string[]): string[] {
  const out = new Set<string>(stems);
  for (let i = 1; i < stems.length; i++) out.add(`${stems[i - 1]}_${stems[i]}`);
  return [...out];
}

/** Both feature sets of a message, from one pass over its words. */
export interface MessageFeatures {
  /** Every word: intents depend on "not", "go", "back". */
  all: string[];
  /** Without function words, which otherwise outvote the few words that carry the topic of a long message. */
  content: string[];
}

/** Stemmed unigrams plus adjacent-pair bigrams ("try_again"), de-duplicated. */
export function messageFeatures(text: string): MessageFeatures {
  const ws = words(text);
  const stems = ws.map(stem);
  return { all: withBigrams(stems), content: withBigrams(stems.filter((_, i) => !STOP_WORDS.has(ws[i] ?? ''))) };
}

/** The form short replies are looked up in: lower case, no punctuation, single spaces ("Nope!!" -> "nope"). */
export function normalizeShort(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}\p{Extended_Pictographic} ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
