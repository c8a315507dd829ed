/**
 * Finding SMTP reply codes (RFC 5321) and enhanced status codes (RFC 3463) inside free text, without
 * mistaking IP addresses, version numbers, dates or port numbers for them.
 */

/** An enhanced status code: class 2/4/5, subject 0-7 (up to 3 digits tolerated), detail up to 3 digits. */
const ENHANCED = /(?<![\d.])#?([245])\.(\d{1,3})\.(\d{1,3})(?![\d]|\.\d)/g;

/**
 * A reply code is three digits starting 4 or 5 that begins a line or follows a separator an MTA uses
 * before quoting the remote server ("said:", "<<<", "smtp;", "(", '"', ...), followed by a space, a hyphen
 * (multi-line replies), "): " or the end of the text.
 */
const REPLY = /(?:^|[\s:;(\[<>"'=,])([45][0-5]\d)(?=[ \-]|$|\.\s|,|\)|:\s)/gm;

/** The first enhanced status code in the text, normalised (no leading '#'), or ''. */
export function findEnhancedStatus(text: string): string {
  for (const m of text.matchAll(ENHANCED)) {
    const subject = Number(m[2]);
    if (subject > 7) continue;
    return `${m[1]}.${m[2]}.${m[3]}`;
  }
  return '';
}

/** A reply code found in text, with the enhanced status that follows it (if any) and how much to trust it. */
export interface ReplyMatch {
  code: string;
  /** The enhanced status written right after the code, same class, or ''. */
  status: string;
  /**
   * 3: followed by an enhanced status of the same class; 2: quoted from the remote server ("<<< 550",
   * or the inner code of Sendmail's "554 <addr>... 550 ..."); 1: a bare code; 0: Sendmail's own summary
   * code in front of "<addr>...", which hides the remote server's answer.
   */
  strength: 0 | 1 | 2 | 3;
}

const NONE: ReplyMatch = { code: '', status: '', strength: 0 };

/** The most trustworthy reply code in the text (first one wins among equals). */
export function findReply(text: string): ReplyMatch {
  let best = NONE;
  for (const m of text.matchAll(REPLY)) {
    const code = m[1] ?? '';
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const after = text.slice(end, end + 120);
    const before = text.slice(Math.max(0, start - 6), start + m[0].length - 3);
    const paired = /^[ \-]#?([245]\.\d{1,3}\.\d{1,3})(?![\d.]\d)/.exec(after);
    let match: ReplyMatch;
    if (paired) {
      if (paired[1]?.[0] !== code[0]) continue;
      match = { code, status: paired[1] ?? '', strength: 3 };
    } else if (/^ <?[^\s<>]+@[^\s<>]+?>?\.\.\./.test(after)) {
      match = { code, status: '', strength: 0 };
    } else if (/^[ \-,:]*[^\d\s.]/.test(after) || (/^[ \t]*(?:\n|$)/.test(after) && /(?:<<<|:)\s*$/.test(before))) {
      match = { code, status: '', strength: /<<<\s*$|\.\.\.\s*$/.test(before) ? 2 : 1 };
    } else continue;
    if (match.strength > best.strength || !best.code) best = match;
    if (best.strength === 3) break;
  }
  return best;
}

/** The most trustworthy reply code in the text, or ''. */
export function findReplyCode(text: string): string {
  return findReply(text).code;
}

/** Class digit of a code: '4' temporary, '5' permanent, '' unknown. */
export function classOf(code: string): '' | '2' | '4' | '5' {
  const c = code.trim()[0];
  return c === '2' || c === '4' || c === '5' ? c : '';
}
