/**
 * Reads a free-text dialogue file (`about`, `checks`, `dialogues`) as it is at the moment of reading, and refuses a
 * malformed one: an unknown expectation key, status or check would otherwise be silently never checked.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import type { TurnExpectation } from './expect.js';

/** The shared dev dialogues: they measure the bot, so they are read where they are and never copied. */
export const DEV_DIALOGUES = fileURLToPath(new URL('../../../../shared/corpora/dialogues-dev.json', import.meta.url));
/** Our own dialogues for each behaviour of issue 11, in the same format. */
export const OUR_DIALOGUES = fileURLToPath(new URL('./dialogues.json', import.meta.url));

/** Statuses a reply can carry (`idle`: no problem recognised yet); a typo in a file must not pass unnoticed. */
const STATUSES = ['idle', 'active', 'waiting_followup', 'resolved', 'routed', 'escalated'] as const;

const regex = z.string().min(1).refine((source) => {
  try {
    new RegExp(source, 'i');
    return true;
  } catch {
    return false;
  }
}, 'is not a valid regular expression');

const statuses = z.array(z.enum(STATUSES)).min(1);

const expectation = z.strictObject({
  check_in: z.array(z.string()).min(1).optional(),
  not_in_flow: z.literal(true).optional(),
  status_in: statuses.optional(),
  status_not_in: statuses.optional(),
  text_any: z.array(regex).min(1).optional(),
});

const dialogueFile = z
  .strictObject({
    about: z.string().min(1),
    checks: z.array(z.string().min(1)).min(1),
    dialogues: z
      .array(z.strictObject({
        id: z.string().min(1),
        turns: z.array(z.strictObject({ say: z.string().min(1), expect: expectation })).min(1),
      }))
      .min(1),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.dialogues.forEach((dialogue, d) => {
      if (seen.has(dialogue.id)) ctx.addIssue({ code: 'custom', path: ['dialogues', d, 'id'], message: `duplicate id "${dialogue.id}"` });
      seen.add(dialogue.id);
      dialogue.turns.forEach((turn, t) => {
        const unknown = (turn.expect.check_in ?? []).filter((check) => !file.checks.includes(check));
        if (unknown.length > 0) {
          ctx.addIssue({ code: 'custom', path: ['dialogues', d, 'turns', t, 'expect', 'check_in'], message: `not among "checks": ${unknown.join(', ')}` });
        }
        if (Object.keys(turn.expect).length === 0) {
          ctx.addIssue({ code: 'custom', path: ['dialogues', d, 'turns', t, 'expect'], message: 'expects nothing, so it could never fail' });
        }
      });
    });
  });

/** One dialogue: its id and turns. */
export interface Dialogue {
  id: string;
  turns: { say: string; expect: TurnExpectation }[];
}

/** A whole dialogue file. */
export interface DialogueFile {
  about: string;
  checks: string[];
  dialogues: Dialogue[];
}

/** Reads and validates the file at `path`; throws naming the file and each problem. */
export function readDialogueFile(path: string): DialogueFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the dialogue file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = dialogueFile.safeParse(raw);
  if (!parsed.success) throw new Error(`${path} is not a valid dialogue file:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
