/**
 * The shape of one flow file, as a zod schema. Steps are a discriminated union on `kind`; branches are
 * structured conditions (`{ slot, equals }`, `all`, `if / else`), never a string language.
 */
import * as z from 'zod';

const id = z.string().regex(/^[a-z][a-z0-9_]*$/, 'use snake_case: lower-case letters, digits and _');
const text = z.string().trim().min(1, 'must not be empty');
const slotValue = z.union([z.string(), z.number(), z.boolean()]);

/** A threshold taken from the escalation policy instead of a number written into the flow. */
const policyNumber = z.object({ policy: z.enum(['waitMinutes', 'greylistWaitMinutes', 'persistentAfterMinutes']) }).strict();

export type Condition =
  | { slot: string; equals: string | number | boolean }
  | { slot: string; in: (string | number | boolean)[] }
  | { slot: string; below: number | { policy: 'waitMinutes' | 'greylistWaitMinutes' | 'persistentAfterMinutes' } }
  | { slot: string; set: boolean }
  | { all: Condition[] };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ slot: id, equals: slotValue }).strict(),
    z.object({ slot: id, in: z.array(slotValue).min(1) }).strict(),
    z.object({ slot: id, below: z.union([z.number(), policyNumber]) }).strict(),
    z.object({ slot: id, set: z.boolean() }).strict(),
    z.object({ all: z.array(conditionSchema).min(2) }).strict(),
  ]),
);

/** `say`: one short line said when this branch is taken, connecting the answer to where the flow goes next. */
const branchSchema = z.union([
  z.object({ if: conditionSchema, then: id, say: text.optional() }).strict(),
  z.object({ else: id, say: text.optional() }).strict(),
]);

/** Where to go after a step: one step id, or branches tried in order (the last one an `else`). */
const nextSchema = z.union([id, z.array(branchSchema).min(1)]);

const choiceSchema = z
  .object({
    id,
    label: text,
    /** Stored in the step's slot when picked (defaults to the choice id). */
    value: slotValue.optional(),
    /** Intents that count as picking this choice (e.g. yes / no / not_sure). */
    intents: z.array(z.string()).optional(),
    /** Words or phrases in the answer that count as picking this choice. */
    words: z.array(z.string().min(1)).optional(),
  })
  .strict();

const base = { id, title: z.string().optional() };

const askStep = z
  .object({
    ...base,
    kind: z.literal('ask'),
    /** A follow-up question that belongs to one of the main steps (shares its number in the position). */
    part_of: id.optional(),
    slot: id,
    /** How the answer is read: a choice, a pasted error, a duration, or the recipient's domain. */
    expect: z.enum(['choice', 'error', 'duration', 'domain']).default('choice'),
    question: text,
    /** Said instead of the question after an unclear answer, so the user sees other words. */
    rephrase: text,
    /** Said when the user asks what the question means: what to look at or do to answer it. */
    help: text.optional(),
    choices: z.array(choiceSchema).min(1),
    /** Other slots that settle this step when known ("I already waited and retried" settles the waiting check). */
    answered_by: z.array(id).optional(),
    /** Said when the step is skipped because an earlier message already answered it. */
    skipped: text.optional(),
    /** Said when a message at another step answers this one, per value (`else` for any other value). */
    noted: z.record(z.string(), text).optional(),
    next: nextSchema,
  })
  .strict();

const sayStep = z.object({ ...base, kind: z.literal('say'), text, next: nextSchema }).strict();

const scheduleStep = z
  .object({
    ...base,
    kind: z.literal('schedule'),
    /** `retry`: the guide's wait before retrying; `persistent`: until the problem counts as persistent. */
    delay: z.enum(['retry', 'persistent']),
    text,
    /** Sent when the check-back is due. */
    followup: text,
    /** The question asked when the user comes back (or the follow-up fires). */
    resume: id,
  })
  .strict();

const handoffStep = z
  .object({
    ...base,
    kind: z.literal('handoff'),
    /** Said when the policy escalates. */
    text,
    /** Where to go when the policy says it is too early to escalate. */
    otherwise: id,
  })
  .strict();

const endStep = z.object({ ...base, kind: z.literal('end'), status: z.enum(['resolved', 'routed']), text }).strict();

export const stepSchema = z.discriminatedUnion('kind', [askStep, sayStep, scheduleStep, handoffStep, endStep]);

/** Texts the engine says outside the steps (FAQ answers, greetings, corrections, ...). */
export const MESSAGE_KEYS = [
  'welcome',
  'greeting_again',
  'thanks',
  'out_of_scope',
  'mail_other',
  'empty_message',
  'too_long',
  'unreadable',
  'english_only',
  'faq_permanent',
  'faq_blocked',
  'faq_fix_myself',
  'faq_mail_lost',
  'faq_how_long',
  'start_over',
  'cancelled',
  'nothing_to_go_back_to',
  'going_back',
  'correction',
  'human_first',
  'human_routed',
  'human_escalated',
  'recurred',
  'already_escalated',
  'after_end',
  'resending_warning',
  'agent_has_it',
  'agent_handback',
  'choose_prompt',
  'advanced_exim',
  'advanced_postfix',
  'advanced_generic',
  'check_mx_found',
  'check_mx_missing',
  'check_failed',
  'check_spf_found',
  'check_spf_problem',
  'check_dmarc_found',
  'check_dmarc_problem',
  'check_ptr_found',
  'check_ptr_problem',
  'check_banner_busy',
  'check_banner_problem',
  'check_need_target',
  'check_unavailable',
  'agent_unavailable',
  'not_sure',
  'menu_prompt',
  'menu_vague',
  'waiting_ack',
  'human_idle',
  'other_protocol_ftp',
  'other_protocol_http',
] as const;

export type MessageKey = (typeof MESSAGE_KEYS)[number];

const messagesSchema = z
  .object(Object.fromEntries(MESSAGE_KEYS.map((key) => [key, text])) as Record<MessageKey, typeof text>)
  .strict();

export const flowSchema = z
  .object({
    id,
    title: text,
    description: z.string().optional(),
    /** The file the flow came from, set by the build so errors can name it. */
    source: z.string().optional(),
    start: id,
    steps: z.array(stepSchema).min(1),
    messages: messagesSchema,
    /** The choices offered with the welcome, before any problem is known; a choice's `value` names what it does. */
    menu: z.array(choiceSchema.extend({ value: z.enum(['start', 'other']) })).min(1),
    /** Answers to how-to questions (see `intents/answers.yaml`), per topic and per mail server or panel. */
    howto: z.record(z.string(), z.object({ exim: text, postfix: text, cpanel: text, generic: text }).strict()),
    /** One line per reply code (or class, e.g. `5xx`) saying what it means, for routed errors. */
    codes: z.record(z.string().regex(/^([2-5]\d\d|[2-5]xx)$/, 'use a reply code like 550 or a class like 5xx'), text),
  })
  .strict();

export type Flow = z.infer<typeof flowSchema>;
export type Step = z.infer<typeof stepSchema>;
export type AskStep = Extract<Step, { kind: 'ask' }>;
export type FlowChoice = AskStep['choices'][number];
export type Branch = z.infer<typeof branchSchema>;
export type Next = z.infer<typeof nextSchema>;
