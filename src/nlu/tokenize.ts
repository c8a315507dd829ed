/**
 * Turns a message into classifier features. Training and classifying share this function, so what the model
 * learned and what it sees are the same tokens. Codes, addresses and numbers become placeholders: the model should
 * learn "a 4xx code appeared here", not the exact digits.
 */
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { addressFinder, replaceFound } from './addresses.js';
import { asciiClasses, asciiWords } from './ascii-words.js';
import { userProse } from './prose.js';

const DIGIT = /\d/;
const DIGIT_DOT = /\d\./;
const APOSTROPHES = /['’]/g;
const NON_WORD = /[^a-z0-9]+/;

/** A global replacement of `pattern`. */
const swap = (pattern: RegExp, by: string) => (t: string) => t.replace(pattern, by);
const findEmails = addressFinder('[\\w-]+(?:\\.[\\w-]+)+', '');

/**
 * Each replacement runs only when a cheap test says it can match: most messages have no URL, address, IP or
 * code, and a full regex scan of a pasted log costs more than the `includes` or digit test that skips it.
 */
const REPLACEMENTS: [(t: string) => string, (t: string) => boolean][] = [
  [swap(/\bhttps?:\/\/\S+/gi, ' xurl '), (t) => t.includes('://')],
  [(t) => replaceFound(t, findEmails(t), ' xemail '), (t) => t.includes('@')],
  [swap(/\b\d{1,3}(?:\.(?:\d{1,3}|x{1,3}|\*)){3}\b/gi, ' xip '), (t) => DIGIT_DOT.test(t)],
  [swap(/(?<![\d.])([245])\.\d{1,3}\.\d{1,3}(?![\d.]*\d)/g, ' xdsn$1 '), (t) => DIGIT_DOT.test(t)],
  [swap(/(?<![\w.])([245])[0-5]\d(?=s?\b)(?!\.\d)/g, ' xcode$1 '), (t) => DIGIT.test(t)],
  [swap(/\b([45])xx\b/gi, ' xcode$1 '), (t) => t.includes('xx')],
  [swap(/\b\d+\b/g, ' xnum '), (t) => DIGIT.test(t)],
];
/** Lower-cased, placeholder-substituted words before stemming. */
function words(text: string): string[] {
  let t = text.toLowerCase();
  for (const [replace, mayMatch] of REPLACEMENTS) if (mayMatch(t)) t = replace(t);
  return t.replace(APOSTROPHES, '').split(NON_WORD).filter((w) => w.length > 0);
}

/** Function words that say nothing about a topic; intents keep them ("not sure", "go back"). */
const STOP_WORDS = new Set(
  'a an the and or but if of to in on at by for from with as is are was were be been being am it its this that these those i me my we our you your he she they them their there here do does did has have had will would can could should shall may might must so than then too very just also about into over after before up down out off again once all any each other some such only own same s t'.split(' '),
);

const PLACEHOLDER = /^x(?:code|dsn)\d$|^x(?:url|email|ip|num)$/;

/** Stemming dominates the cost of a message; the vocabulary of support chats is small, so stems are memoised. */
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 20_000;

/** Porter stem of a lower-case word; placeholders stay as they are. */
export function stem(word: string): string {
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

/** The stemmed words of a message's prose, in order, repeats kept; the features are made from these. */
export interface MessageStems {
  /** Every word: intents depend on "not", "go", "back". */
  all: string[];
  /** Without function words, which otherwise outvote the few words that carry the topic of a long message. */
  content: string[];
  /** Words of the prose the stems were read from. */
  wordCount: number;
}

/**
 * The stems of the user's prose (see prose.ts): a pasted stack trace must not make a question about Outlook read as
 * "unknown". A one-line message is its own prose.
 */
export function messageStems(text: string): MessageStems {
  const ws = words(userProse(text));
  const all = ws.map(stem);
  return { all, content: all.filter((_, i) => !STOP_WORDS.has(ws[i] ?? '')), wordCount: ws.length };
}

/** Both feature sets of a message, from one pass over its words. */
export interface MessageFeatures {
  all: string[];
  content: string[];
  wordCount: number;
}

/**
 * Stemmed unigrams plus adjacent-pair bigrams ("try_again") of `messageStems`, de-duplicated, first seen first: what
 * the classifiers are trained on. Scoring reads the same features from the stems without building them
 * (naive-bayes.ts).
 */
export function messageFeatures(text: string): MessageFeatures {
  const { all, content, wordCount } = messageStems(text);
  return { all: withBigrams(all), content: withBigrams(content), wordCount };
}

/** Short replies are read as words; an apostrophe joins ("don't" is "dont"). */
const SHORT_WORDS = asciiClasses('', "'");

/** The form short replies are looked up in: lower case, no punctuation, single spaces ("Nope!!" -> "nope"). */
export function normalizeShort(text: string): string {
  return (
    asciiWords(text, SHORT_WORDS) ??
    text
      .toLowerCase()
      .replace(/['’]/g, '')
      .replace(/[^\p{L}\p{N}\p{Extended_Pictographic} ]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}
