/**
 * Finds email addresses as a global regex `[\w.+-]+@<domain>` does, without its cost on long pastes: the regex
 * tries every position, and from each one inside a long word (a Message-ID, a base64 line) runs to the word's end.
 * Here the search jumps from '@' to '@' and tries the regex once, at the start of the word before it. That is where
 * the regex's own leftmost match would start: its local part cannot run across an '@' or any other character it
 * lacks, and what follows the '@' does not depend on where the local part began.
 */

/** True for the characters of `[\w.+-]`. */
function isLocalChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 43 || c === 45;
}

/** A finder for addresses whose part after the '@' is `domain` (a regex source); `flags` as for the regex. */
export function addressFinder(domain: string, flags: string): (text: string) => RegExpExecArray[] {
  const address = new RegExp(`[\\w.+-]+@${domain}`, `${flags}y`);
  return (text) => {
    const found: RegExpExecArray[] = [];
    let from = 0;
    for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', Math.max(at + 1, from))) {
      let start = at;
      while (start > from && isLocalChar(text.charCodeAt(start - 1))) start--;
      if (start === at) continue;
      address.lastIndex = start;
      const m = address.exec(text);
      if (m === null) continue;
      found.push(m);
      from = start + m[0].length;
    }
    return found;
  };
}

/** `text` with each of `found` (from `addressFinder` on the same text) replaced by `by`. */
export function replaceFound(text: string, found: RegExpExecArray[], by: string): string {
  if (found.length === 0) return text;
  let out = '';
  let from = 0;
  for (const m of found) {
    out += text.slice(from, m.index) + by;
    from = m.index + m[0].length;
  }
  return out + text.slice(from);
}
