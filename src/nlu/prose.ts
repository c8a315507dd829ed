/**
 * The part of a message the user wrote in their own words. Issue reports paste environment lists, stack traces,
 * config files and template headings around a sentence or two; their words ("docker", "version", "build", "host")
 * lean towards whatever topic the training examples happened to use them in and outvote the user's sentence.
 * Both classifiers read the prose only. Codes, cue words and entities still read the whole text, so a pasted
 * bounce or log line keeps deciding through the rules.
 */

/** Issue-template headings and sign-offs that say nothing about the topic. */
const BOILERPLATE =
  /\b(?:steps to reproduce|to reproduce|expected (?:behaviou?r|result)|actual (?:behaviou?r|result)|describe the bug|additional (?:context|info(?:rmation)?)|let me know if you need (?:any |more )?(?:info(?:rmation)?|details|logs)|thanks? (?:you )?in advance|any help (?:is |would be )?(?:much |greatly )?appreciated|sorry for my (?:bad |poor )?english|see (?:above|below|attached)|environment|operating system|screenshots?)\b/gi;
const FENCE = /^\s*(?:```|~~~)/;
/** Stack frames and trace headers of Java, Python, JavaScript, PHP, Ruby. */
const STACK = /^\s*(?:at\s+\S+|File\s+"|Traceback\b|Caused by:|#\d+\s|\.\.\.\s*\d+\s+more|from\s+\S+:\d+)/;
/** "OS: Ubuntu 22.04", "- Docker version 24.0.7", "port = 587": short key / value or version lines. */
const KEY_VALUE = /^\s*(?:[-*]\s*)?[\w .\/'"[\]-]{1,40}\s*[:=]\s*\S/;
const VERSION = /\d+\.\d+/;

/** The characters `\s` matches (ECMAScript white space and line terminators). */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** True when a line reads as pasted machine output or configuration rather than a sentence. */
function isMachineLine(line: string): boolean {
  if (STACK.test(line)) return true;
  const trimmed = line.trim();
  // Counted in one pass, as `split(/\s+/)`, `replace(/\s+/g, '')` and `match(/[a-z]/gi)` would, without building
  // their arrays and strings: log lines are long and many.
  let gaps = 0;
  let visible = 0;
  let letters = 0;
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed.charCodeAt(i);
    if (isSpace(c)) {
      if (!isSpace(trimmed.charCodeAt(i - 1))) gaps++;
    } else {
      visible++;
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) letters++;
    }
  }
  const wordCount = gaps + 1;
  if (wordCount <= 6 && (KEY_VALUE.test(trimmed) || (/^[-*]\s/.test(trimmed) && VERSION.test(trimmed)))) return true;
  return visible > 0 && letters / visible < 0.6;
}

/** The user's own sentences of a multi-line message; the whole text when it has no such lines. */
export function userProse(text: string): string {
  if (!text.includes('\n')) return text.replace(BOILERPLATE, ' ');
  const kept: string[] = [];
  let fenced = false;
  for (const line of text.split('\n')) {
    if (FENCE.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (!fenced && line.trim() !== '' && !isMachineLine(line)) kept.push(line);
  }
  const prose = kept.join('\n').replace(BOILERPLATE, ' ');
  return /[a-z]{3}/i.test(prose) ? prose : text;
}
