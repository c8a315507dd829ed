/**
 * How a message's topic and intent are decided, in this order:
 *
 * Topic
 * 1. A failure code outweighs wording: the first 4xx reply code (or, without one, the first 4.x.x enhanced status,
 *    or a written "4xx") means `delivery_temporary`; 5xx / 5.x.x means `delivery_permanent`. Numbers in a message
 *    that reads as HTTP or FTP and never as mail are not codes (see codes.ts), so "421 Misdirected Request" falls
 *    through to step 2.
 * 2. A message with web, HTTP or FTP words and no mail word at all is `out_of_scope`, and so is one whose 4xx / 5xx
 *    number is an FTP or HTTP reply ("FileZilla says 421", "the API returns 503"; `otherProtocol`). A message with no
 *    mail word, code, provider, MTA or address at all is `out_of_scope` too (the gate): the classifier's guess on
 *    "see you later" or "block my card" is not evidence of mail.
 * 3. A mail message that uses delay wording only ("delayed", "deferred", "greylisted") is `delivery_temporary`;
 *    one that uses failure wording only ("bounced", "no such user") is `delivery_permanent`. Both or neither: step 4.
 * 4. Otherwise the topic classifier decides from the wording, except that a message using a word only mail talk uses
 *    ("IMAP", "DKIM", "webmail") is at least `mail_other`: the classifier's "not about email" there comes from the
 *    DNS, panel or backup words around it.
 * 5. A conversational reply ("yes", "thanks", "start over") is `out_of_scope` unless it carries a failure code or
 *    the topic classifier is sure it describes a delivery problem ("yes, and it still bounces").
 *
 * Intent
 * 1. A whole short message found in the exact lexicon ("y", "nope", "idk") takes that intent.
 * 2. A message opening with a correction marker ("actually", "sorry, I meant") that carries a code or provider is a
 *    `correction`. The classifier alone never yields a correction: without a code, provider or address there is
 *    nothing to correct, so such a message is a `report_problem`.
 * 3. Otherwise the intent classifier decides. Below the confidence floor the message is `report_problem` when it
 *    carries a code, a mail-only word or the topic classifier is sure it is about mail, else `unknown`. An `unknown`
 *    read from a message with a mail-only word ("how do I add a DKIM record") is a `report_problem`, and so is a
 *    short-reply intent or `unknown` read from a long message the topic classifier is sure is about mail.
 * 4. A greeting or thanks that also carries a failure code or describes a delivery problem is `report_problem`.
 */
import { failureClass, type FoundCodes } from './codes.js';
import type { Evidence } from './entities.js';
import type { ScoredLabel } from './naive-bayes.js';
import type { Entities, Intent, Topic } from './types.js';

/** Below this the intent classifier's guess is not trusted. */
const INTENT_FLOOR = 0.4;
/** Above this the topic classifier's "about mail" counts on its own. */
const TOPIC_SURE = 0.8;
/** How sure the topic classifier must be to overrule a short-reply intent read from a long message. */
const TOPIC_OVER_REPLY = 0.95;
/** Short replies ("no", "I don't know", "never mind") are rarely longer than this many words. */
const REPLY_WORDS = 12;
/** Cue words are reliable but weaker than a code. */
const WORDING_CONFIDENCE = 0.9;
/** A message without any mail word is out of scope by rule; the rule is sure, but its word lists are not complete. */
const GATE_CONFIDENCE = 0.9;
/** A mail-only word says "about email" but nothing about which mail topic. */
const MAIL_ONLY_CONFIDENCE = 0.7;

const CONVERSATIONAL: ReadonlySet<Intent> = new Set<Intent>([
  'yes', 'no', 'not_sure', 'human', 'start_over', 'cancel', 'go_back', 'greeting', 'thanks', 'unknown',
]);

/**
 * Topic and how sure it is: codes first, then cue words, then the classifier. `score` runs the topic classifier,
 * only when the rules before it leave the topic open (most short replies never get that far).
 */
export function decideTopic(evidence: Evidence, score: () => ScoredLabel<Topic>): { topic: Topic; confidence: number } {
  const { codes, wording } = evidence;
  const klass = failureClass(codes);
  if (klass === '4') return { topic: 'delivery_temporary', confidence: 1 };
  if (klass === '5') return { topic: 'delivery_permanent', confidence: 1 };
  if (codes.webContext || codes.otherProtocol) return { topic: 'out_of_scope', confidence: 1 };
  if (!evidence.mentionsMail) return { topic: 'out_of_scope', confidence: GATE_CONFIDENCE };
  if (wording === '4') return { topic: 'delivery_temporary', confidence: WORDING_CONFIDENCE };
  if (wording === '5') return { topic: 'delivery_permanent', confidence: WORDING_CONFIDENCE };
  const scored = score();
  if (evidence.mailOnly && (scored.known === 0 || scored.label === 'out_of_scope')) {
    return { topic: 'mail_other', confidence: MAIL_ONLY_CONFIDENCE };
  }
  if (scored.known === 0) return { topic: 'out_of_scope', confidence: 0 };
  return { topic: scored.label, confidence: scored.confidence };
}

/** What the intent decision reads. */
export interface IntentInput {
  exact: Intent | undefined;
  correctionMarker: boolean;
  codes: FoundCodes;
  entities: Entities;
  topic: Topic;
  /** 1 when a code decided the topic, else the topic classifier's confidence. */
  topicConfidence: number;
  /** The message uses a word only mail talk uses (see `Evidence.mailOnly`). */
  mailOnly: boolean;
}

/** What the intent classifier says of a message, and how many words of the user's own sentences it has (prose.ts). */
export interface IntentScore {
  scored: ScoredLabel<Intent>;
  wordCount: number;
}

/**
 * Intent and its confidence, following the order in the file comment. `score` runs the intent classifier, only when
 * the lexicon does not know the message.
 */
export function decideIntent(input: IntentInput, score: () => IntentScore): { intent: Intent; confidence: number } {
  const { exact, correctionMarker, codes, entities, topic, topicConfidence } = input;
  if (exact) return { intent: exact, confidence: 1 };
  const { scored, wordCount } = score();
  const hasCode = failureClass(codes) !== undefined;
  const hasFact = hasCode || entities.provider !== undefined || entities.emails.length > 0 || entities.domains.length > 0;
  if (correctionMarker && hasFact) return { intent: 'correction', confidence: 0.9 };
  const aboutDelivery = topic === 'delivery_temporary' || topic === 'delivery_permanent';
  if (scored.known === 0 || scored.confidence < INTENT_FLOOR || (scored.label === 'unknown' && input.mailOnly)) {
    const mail = hasCode || input.mailOnly || (topic !== 'out_of_scope' && topicConfidence >= TOPIC_SURE);
    return { intent: mail ? 'report_problem' : 'unknown', confidence: scored.confidence };
  }
  if (scored.label === 'correction' && !hasFact) return { intent: 'report_problem', confidence: scored.confidence };
  // The intent model learns short replies and "unknown" from short lines; a long report that says "I don't know
  // which user to put" or lists version numbers can look like one. A long message the topic model is sure is about
  // mail is a report.
  const reply = CONVERSATIONAL.has(scored.label) && scored.label !== 'human';
  if (reply && wordCount >= REPLY_WORDS && topic !== 'out_of_scope' && topicConfidence >= TOPIC_OVER_REPLY) {
    return { intent: 'report_problem', confidence: topicConfidence };
  }
  if ((scored.label === 'greeting' || scored.label === 'thanks') && (hasCode || aboutDelivery)) {
    return { intent: 'report_problem', confidence: scored.confidence };
  }
  return { intent: scored.label, confidence: scored.confidence };
}

/** Step 5 of the topic order: a conversational reply carries no topic unless it also describes a delivery problem. */
export function finalTopic(topic: Topic, topicConfidence: number, intent: Intent, codes: FoundCodes, exact: boolean): Topic {
  if (failureClass(codes) !== undefined) return topic;
  if (exact) return 'out_of_scope';
  const delivery = (topic === 'delivery_temporary' || topic === 'delivery_permanent') && topicConfidence >= TOPIC_SURE;
  return CONVERSATIONAL.has(intent) && !delivery ? 'out_of_scope' : topic;
}
