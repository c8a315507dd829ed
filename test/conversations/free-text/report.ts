/**
 * A failed dialogue in words: enough to fix the bot from the message alone (which turn, what the user said, what
 * the bot answered and where it stood, which expectation failed), with the turns before it for context.
 */
import { describePosition, type CheckRules, type PlayedTurn, type TurnFailure } from './expect.js';

const indent = (text: string, by: string) => text.replace(/\n/g, `\n${by}`);

function describeTurn(turns: PlayedTurn[], failure: TurnFailure, rules: CheckRules): string {
  const played = turns[failure.turn - 1];
  if (!played) return `turn ${failure.turn}: not played`;
  const replies = played.replies.length === 0
    ? ['    (no reply)']
    : played.replies.map((reply, i) => `    ${i + 1}. ${indent(reply.text, '       ')}`);
  return [
    `turn ${failure.turn} of ${turns.length}`,
    `  user: ${played.say}`,
    `  bot (${played.replies.length} ${played.replies.length === 1 ? 'reply' : 'replies'}):`,
    ...replies,
    `  position: ${describePosition(played.replies.at(-1)?.position, rules)}`,
    '  failed:',
    ...failure.failed.map((line) => `    - ${line}`),
  ].join('\n');
}

/** One line per turn: what the user said and where the bot left the conversation. */
export function summariseTurns(turns: PlayedTurn[], rules: CheckRules): string {
  return turns
    .map((turn, i) => `  ${i + 1}. user: ${turn.say}\n     -> ${describePosition(turn.replies.at(-1)?.position, rules)}`)
    .join('\n');
}

/** The report of a dialogue whose turns missed: each failed turn in full, then the whole conversation in brief. */
export function describeFailures(dialogueId: string, turns: PlayedTurn[], failures: TurnFailure[], rules: CheckRules): string {
  return [
    `dialogue "${dialogueId}": ${failures.length} of ${turns.length} turns failed`,
    ...failures.map((failure) => describeTurn(turns, failure, rules)),
    'the whole conversation:',
    summariseTurns(turns, rules),
  ].join('\n\n');
}
