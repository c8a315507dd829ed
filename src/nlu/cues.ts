/**
 * Reads the wording of a mail message without a code: does it describe delayed mail ("greylisted", "arrived hours
 * later") or failed mail ("no such user", "bounced")? Strong cues name a cause, weak cues only an effect.
 */
import { anyOf } from './alternation.js';
import type { CueLists } from './model-format.js';
import { firstMatch, nextMatch } from './matches.js';

/** "no bounce", "not being rejected", "doesn't return any bounce": the cue is denied, not reported. */
const NEGATED = /(?:\b(?:no|not|never|without|any|nor|nothing|none)\b|n't)(?:\s+\w+){0,2}\s*$/i;

/** True when the text has a match of `cue` (a global regex) that is not negated. */
function hasCue(text: string, cue: RegExp): boolean {
  for (let m = firstMatch(cue, text); m !== null; m = nextMatch(cue, text)) {
    if (!NEGATED.test(text.slice(Math.max(0, m.index - 30), m.index))) return true;
  }
  return false;
}

/**
 * Compiles a reader returning '4' (delay wording), '5' (failure wording) or undefined. Only messages with a mail
 * cue count: "the payment is delayed" is not about mail. One kind of strong cue decides; with no strong cue at all,
 * one kind of weak cue does; both kinds mean the wording cannot decide. Weak failure cues are ignored when the
 * message also has a blocker word: "the signup form rejects my email address" is about a web form, while "contact
 * form mails arrive with a delay" is still delayed mail. The blockers are a narrow list, not every web word: issue
 * reports about mail mention docker, PHP and APIs all the time.
 */
export function compileWordingReader(
  temporary: CueLists,
  permanent: CueLists,
  context: { mailCues: RegExp; weakCueBlockers: RegExp },
): (text: string) => '4' | '5' | undefined {
  const compile = (lists: CueLists) => ({ strong: anyOf(lists.strong, 'gi'), weak: anyOf(lists.weak, 'gi') });
  const cues = { temporary: compile(temporary), permanent: compile(permanent) };
  return (text) => {
    if (!context.mailCues.test(text)) return undefined;
    const strongTemporary = hasCue(text, cues.temporary.strong);
    const strongPermanent = hasCue(text, cues.permanent.strong);
    if (strongTemporary !== strongPermanent) return strongTemporary ? '4' : '5';
    if (strongTemporary) return undefined;
    const weakTemporary = hasCue(text, cues.temporary.weak);
    const weakPermanent = !context.weakCueBlockers.test(text) && hasCue(text, cues.permanent.weak);
    if (weakTemporary !== weakPermanent) return weakTemporary ? '4' : '5';
    return undefined;
  };
}
