/**
 * Normalising an ASCII text without Unicode regexes. Lower-casing, replacing each run of characters that are not
 * letters or numbers (`/[^\p{L}\p{N}]+/gu`) with a space and trimming costs four regex passes over the text; in ASCII
 * the letters and numbers are A-Z, a-z and 0-9 and no character is a pictograph, so one pass over the characters
 * gives the same words. Most messages, and every flow label, are ASCII.
 */

/** Per ASCII code: 0 separates words, 1 is part of a word, 2 is dropped before the words are read. */
export type AsciiClasses = Uint8Array;

/** Letters and digits are part of a word, and so are the characters of `kept`; those of `dropped` are removed. */
export function asciiClasses(kept: string, dropped: string): AsciiClasses {
  const classes = new Uint8Array(128);
  for (let c = 0; c < 128; c++) if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57)) classes[c] = 1;
  for (const ch of kept) classes[ch.charCodeAt(0)] = 1;
  for (const ch of dropped) classes[ch.charCodeAt(0)] = 2;
  return classes;
}

/**
 * The words of `text`, lower-cased and joined by single spaces, or undefined when the text is not all ASCII. A dropped
 * character joins what is on either side of it ("don't" -> "dont").
 */
export function asciiWords(text: string, classes: AsciiClasses): string | undefined {
  let out = '';
  let gap = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return undefined;
    const kind = classes[c];
    if (kind === 1) {
      if (gap && out !== '') out += ' ';
      gap = false;
      out += String.fromCharCode(c >= 65 && c <= 90 ? c + 32 : c);
    } else if (kind === 0) gap = true;
  }
  return out;
}
