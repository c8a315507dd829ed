/**
 * Mends misspelt cue words ("emials", "deleyed", "rejeced", "deffered") before anything reads the message. The
 * rules and regex cues match exact spellings, and a misspelt word is unknown to both classifiers, so one typo in a
 * short message can drop the only word that carried its topic. Only words the classifiers never saw are touched, and
 * only towards a short list of cue words with the same first letter: "relay" stays "relay" although it is one letter
 * from "delay".
 */
import { firstMatch, nextMatch } from './matches.js';

/** Words shorter than this are left alone: too many real words lie one letter apart. */
const MIN_LENGTH = 4;
/** Cue words at least this long tolerate two edits ("deffered" -> "deferred"); shorter ones tolerate one. */
const TWO_EDITS_FROM = 8;
/** A bare word: not part of an address, a host name, a path or a code. */
const WORD = /(?<![\w.@/-])[a-z]{4,}(?![\w@/-]|\.\w)/gi;

/** Edit distance with adjacent transpositions (optimal string alignment), giving up once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prevPrev[j - 2] ?? 0) + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length] ?? limit + 1;
}

/**
 * Compiles a mender for `targets` (lower-case cue words). `known` says whether a lower-case word is vocabulary the
 * classifiers learned; those are never changed. Of several targets the closest wins, ties go to the first listed.
 */
export function compileSpelling(targets: string[], known: (word: string) => boolean): (text: string) => string {
  const cues = [...new Set(targets.map((t) => t.toLowerCase()))].filter((t) => t.length >= MIN_LENGTH);
  const cueSet = new Set(cues);
  const memo = new Map<string, string>();
  const mend = (word: string): string => {
    const lower = word.toLowerCase();
    let fixed = memo.get(lower);
    if (fixed === undefined) {
      fixed = lower;
      if (!cueSet.has(lower) && !known(lower)) {
        let best = Infinity;
        for (const cue of cues) {
          // Typists rarely miss the first letter, and "refer" or "realy" must not become "defer" or "relay".
          if (cue[0] !== lower[0]) continue;
          const limit = cue.length >= TWO_EDITS_FROM ? 2 : 1;
          const d = editDistance(lower, cue, limit);
          if (d <= limit && d < best) {
            best = d;
            fixed = cue;
          }
        }
      }
      if (memo.size > 5000) memo.clear();
      memo.set(lower, fixed);
    }
    return fixed === lower ? word : fixed;
  };
  // A match loop rather than replace with a callback: half the cost, and no copy when no word changes (most texts).
  return (text) => {
    let out = '';
    let from = 0;
    for (let m = firstMatch(WORD, text); m !== null; m = nextMatch(WORD, text)) {
      const fixed = mend(m[0]);
      if (fixed === m[0]) continue;
      out += text.slice(from, m.index) + fixed;
      from = m.index + m[0].length;
    }
    return from === 0 ? text : out + text.slice(from);
  };
}
