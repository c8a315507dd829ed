/** Pulls entities (codes, provider, MTA, addresses, duration, cues) out of one message. */
import { findCodes, type CodeContext, type FoundCodes } from './codes.js';
import { compileDurationReader } from './duration.js';
import { addressFinder, replaceFound } from './addresses.js';
import { anyOf } from './alternation.js';
import { compileWordingReader } from './cues.js';
import { compileSpelling } from './spelling.js';
import { firstMatch, nextMatch } from './matches.js';
import type { EntityPatterns } from './model-format.js';
import type { Entities } from './types.js';

/** What the topic rules read besides the entities. */
export interface Evidence {
  codes: FoundCodes;
  /** '4' when a mail message uses only delay wording, '5' when it uses only failure wording. */
  wording: '4' | '5' | undefined;
  /** The message uses a word only mail talk uses ("IMAP", "DKIM", "webmail"). */
  mailOnly: boolean;
  /**
   * The message could be about mail: it has a code, a mail word (`mailCues`, `mailOnlyCues`, `mailVocabulary`), a
   * provider, an MTA or an email address. Without any, it has no mail topic (the topic gate, decide.ts).
   */
  mentionsMail: boolean;
}

/** A compiled extractor. It also returns the evidence the topic rules read. */
export interface EntityExtractor {
  extract(text: string): { entities: Entities } & Evidence;
}

const findEmails = addressFinder('([a-z0-9-]+(?:\\.[a-z0-9-]+)+)', 'i');
const DOMAIN = /(?<![\w@.-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,24}))(?![\w-]|\.[a-z0-9])/gi;

/**
 * Finds the earliest alias in `lower`, the message lower-cased (longest first at the same place, so "live.com" wins
 * over "live"), and returns the name it stands for. An alias must start at a word edge ("gmx.de", not "sgmx"). Aliases
 * are bucketed by their first two letters: one big regex alternation costs tens of microseconds per message.
 */
function aliasMatcher(table: Record<string, string[]>): (lower: string) => string | undefined {
  const key = (s: string, i: number): number => s.charCodeAt(i) * 65536 + s.charCodeAt(i + 1);
  const buckets = new Map<number, [string, string][]>();
  for (const [name, aliases] of Object.entries(table)) {
    for (const alias of aliases) {
      const a = alias.toLowerCase();
      buckets.set(key(a, 0), [...(buckets.get(key(a, 0)) ?? []), [a, name]]);
    }
  }
  for (const list of buckets.values()) list.sort((x, y) => y[0].length - x[0].length);
  const isWordChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
  return (lower) => {
    for (let i = 0; i < lower.length - 1; i++) {
      if (i > 0 && isWordChar(lower.charCodeAt(i - 1))) continue;
      const list = buckets.get(key(lower, i));
      if (list === undefined) continue;
      for (const [alias, name] of list) if (lower.startsWith(alias, i)) return name;
    }
    return undefined;
  };
}

/** Compiles the patterns from the model once; `extract` is then cheap per message. */
export function compileEntityExtractor(patterns: EntityPatterns): EntityExtractor {
  const findProvider = aliasMatcher(patterns.providers);
  const findMta = aliasMatcher(patterns.mtas);
  const technical = anyOf(patterns.technical);
  const resending = anyOf(patterns.resending);
  const mailOnly = anyOf(patterns.mailOnlyCues);
  const mailWords = anyOf([...patterns.mailCues, ...patterns.mailOnlyCues, ...patterns.mailVocabulary]);
  // The spelling mender leaves words the classifiers learned alone, typos of our own examples included ("emial"):
  // the gate must still see those as mail words.
  const mendTypos = compileSpelling(patterns.spellingTargets, () => false);
  const tlds = new Set(patterns.tlds.map((t) => t.toLowerCase()));
  const fileExtensions = new Set(patterns.fileExtensions.map((t) => t.toLowerCase()));
  const readDuration = compileDurationReader(patterns.relativeDurations);
  const codeContext: CodeContext = { mailCues: anyOf(patterns.mailCues), webCues: anyOf(patterns.webCues) };
  const wordingOf = compileWordingReader(patterns.temporaryCues, patterns.permanentCues, {
    mailCues: codeContext.mailCues,
    weakCueBlockers: anyOf(patterns.weakCueBlockers),
  });
  // Asked only when `text` itself has no mail word: a mended copy equal to it (no typo, the usual case) has none either.
  const mendedMailWord = (text: string): boolean => {
    const mended = mendTypos(text);
    return mended !== text && mailWords.test(mended);
  };
  const isDomainEnding = (tld: string): boolean => {
    const t = tld.toLowerCase();
    return t.length === 2 ? !fileExtensions.has(t) : tlds.has(t);
  };

  return {
    extract(text) {
      const codes = findCodes(text, codeContext);
      const emails: string[] = [];
      const domains: string[] = [];
      const addresses = findEmails(text);
      for (const m of addresses) {
        const domain = (m[1] ?? '').toLowerCase();
        if (!isDomainEnding(domain.slice(domain.lastIndexOf('.') + 1))) continue;
        if (!emails.includes(m[0].toLowerCase())) emails.push(m[0].toLowerCase());
        if (!domains.includes(domain)) domains.push(domain);
      }
      const withoutEmails = replaceFound(text, addresses, ' ');
      for (let m = firstMatch(DOMAIN, withoutEmails); m !== null; m = nextMatch(DOMAIN, withoutEmails)) {
        const domain = (m[1] ?? '').toLowerCase();
        if (isDomainEnding(m[2] ?? '') && !domains.includes(domain)) domains.push(domain);
      }
      const entities: Entities = { emails, domains };
      // Success codes ("Expected response code 250 but got 421") are context, not the problem.
      const reply = codes.replyCodes.find((c) => !c.startsWith('2'));
      if (reply) entities.replyCode = reply;
      const enhanced = codes.enhanced.find((c) => !c.startsWith('2'));
      if (enhanced) entities.enhancedStatus = enhanced;
      // Both alias tables read the same lower-cased copy.
      const lower = text.toLowerCase();
      const provider = findProvider(lower);
      if (provider) entities.provider = provider;
      const mta = findMta(lower);
      if (mta) entities.mta = mta;
      const minutes = readDuration(text);
      if (minutes !== undefined) entities.durationMinutes = minutes;
      if (technical.test(text)) entities.technical = true;
      if (resending.test(text)) entities.resending = true;
      if (codes.otherProtocol) entities.otherProtocol = codes.otherProtocol;
      const hasCode = codes.replyCodes.length > 0 || codes.enhanced.length > 0 || codes.classes.length > 0;
      const mentionsMail = hasCode || emails.length > 0 || provider !== undefined || mta !== undefined || mailWords.test(text) || mendedMailWord(text);
      return { entities, codes, wording: wordingOf(text), mailOnly: mailOnly.test(text), mentionsMail };
    },
  };
}
