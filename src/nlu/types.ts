/** What the intent matcher reads out of one message. */

/** The routing decision for a message. */
export type Topic = 'delivery_temporary' | 'delivery_permanent' | 'mail_other' | 'out_of_scope';

export const TOPICS: readonly Topic[] = ['delivery_temporary', 'delivery_permanent', 'mail_other', 'out_of_scope'];

/** Finer intents the conversation reacts to. `report_problem` is a description of a mail problem. */
export const INTENTS = [
  'report_problem',
  'faq_permanent',
  'faq_blocked',
  'faq_fix_myself',
  'faq_mail_lost',
  'faq_how_long',
  'yes',
  'no',
  'not_sure',
  'human',
  'start_over',
  'cancel',
  'go_back',
  'correction',
  'greeting',
  'thanks',
  'unknown',
] as const;

export type Intent = (typeof INTENTS)[number];

/** Facts pulled out of free text. Absent fields were not found. */
export interface Entities {
  /** First failure (4xx / 5xx) SMTP reply code, e.g. "421" (also read from the "421-4.7.0" continuation form). */
  replyCode?: string;
  /** First failure (4.x.x / 5.x.x) enhanced status code without a leading '#' or 'dsn=', e.g. "4.7.28". */
  enhancedStatus?: string;
  /** Normalised provider: gmail, yahoo, outlook, aol, icloud, zoho, yandex, gmx, protonmail, ... */
  provider?: string;
  /** Normalised MTA: exim, postfix, sendmail, exchange, qmail. */
  mta?: string;
  emails: string[];
  domains: string[];
  /** A duration the user gave ("for 2 hours", "since yesterday"), in minutes. */
  durationMinutes?: number;
  /** The user runs their own server or asks for commands (mentions Exim, Postfix, WHM, SSH, logs, ...). */
  technical?: boolean;
  /** The user says they keep resending. */
  resending?: boolean;
  /** The message's 4xx / 5xx number is an FTP or HTTP reply ("FileZilla says 421", "421 Misdirected Request"). */
  otherProtocol?: 'ftp' | 'http';
}

/** What a message answers, read by the slot readers of `intents/answers.yaml`. */
export interface Readings {
  /** Per slot: the value the message gives when read as the answer to that slot's question. */
  answers: Record<string, string>;
  /** Per slot: a value given in a clause that is explicitly about that slot (a fact for another check). */
  facts: Record<string, string>;
  /** Slots the message talks about ("I already waited" is about retry_result). */
  subjects: string[];
  /** The message opens with a plain yes, no or "not sure" ("nah, same as before", "yes mail merge"). */
  polar?: 'yes' | 'no' | 'not_sure';
  /** The message asks something (a question mark, or it opens like a question: "is it", "how do I"). */
  asking: boolean;
  /** The message asks what the bot's question means ("what should I test exactly?"). */
  clarify: boolean;
  /** The message names a mail problem too vaguely to place ("mail not sending", "a problem with my email"). */
  vague: boolean;
  /** How-to topics asked about (queue, flush, remove, log), in the order of `intents/answers.yaml`. */
  howto: string[];
}

export interface Classification {
  text: string;
  topic: Topic;
  intent: Intent;
  /** 0..1, how sure the matcher is of `intent`. */
  confidence: number;
  entities: Entities;
  readings: Readings;
}

/** The loaded matcher. Classifying never trains. */
export interface Nlu {
  classify(text: string): Classification;
}
