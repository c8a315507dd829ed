/**
 * Walks the matches of a shared global regex. `text.matchAll(re)` clones `re` on every call, and a message is
 * matched against dozens of cue regexes per clause: the clones cost more than the matching.
 */

/**
 * The first match of the global, non-unicode regex `re` in `text`, or null. Pass the result to `nextMatch` for the
 * following ones: together they visit what `text.matchAll(re)` visits, in the same order.
 */
export function firstMatch(re: RegExp, text: string): RegExpExecArray | null {
  re.lastIndex = 0;
  return nextMatch(re, text);
}

/** The match after the one `firstMatch` or `nextMatch` last returned; an empty match steps one place on. */
export function nextMatch(re: RegExp, text: string): RegExpExecArray | null {
  const m = re.exec(text);
  if (m !== null && m[0] === '') re.lastIndex += 1;
  return m;
}
