/**
 * Plays a dialogue through a running server over Direct Line 3.0, as Web Chat would: one conversation, each
 * user text posted in turn, the log polled with a watermark until the bot's replies to it are all in.
 */
import type { DirectLineClient, LoggedActivity, StartedConversation } from '../../e2e/direct-line-client.js';
import type { Dialogue } from './dialogue-file.js';
import type { PlayedTurn, Reply } from './expect.js';

/** Longest wait for one turn's replies; the server answers in milliseconds, so this only bounds a hang. */
const TURN_TIMEOUT_MS = 8_000;
const POLL_EVERY_MS = 25;
/** A turn whose last reply does not expect input is over once the log has been quiet this long. */
const QUIET_MS = 300;

const isBot = (activity: LoggedActivity) => activity.type === 'message' && activity.from.role === 'bot';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One conversation's log, read forward from a watermark so each poll brings only what is new. */
class LogReader {
  private readonly log: LoggedActivity[] = [];
  private watermark = '';

  constructor(
    private readonly client: DirectLineClient,
    private readonly conversation: StartedConversation,
  ) {}

  private async poll(): Promise<number> {
    const answer = await this.client.activities(this.conversation, this.watermark);
    if (answer.status !== 200) throw new Error(`polling answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    this.log.push(...answer.body.activities);
    this.watermark = answer.body.watermark;
    return answer.body.activities.length;
  }

  /**
   * Waits until `begun(log)` holds, then until the turn is over: its last reply asks a question (inputHint
   * `expectingInput`, which ends a turn), or nothing new arrived for QUIET_MS (a turn that ends on a statement).
   * The server writes a user's echo and its replies in one atomic write, so once the echo is seen the replies are
   * there too; the quiet window only guards against a future server that sends replies later.
   */
  private async settle(what: string, begun: (log: LoggedActivity[]) => boolean, belongs: (a: LoggedActivity) => boolean): Promise<LoggedActivity[]> {
    const deadline = Date.now() + TURN_TIMEOUT_MS;
    let lastNews = Date.now();
    for (;;) {
      if ((await this.poll()) > 0) lastNews = Date.now();
      const replies = this.log.filter(belongs);
      if (begun(this.log) && (replies.at(-1)?.inputHint === 'expectingInput' || Date.now() - lastNews >= QUIET_MS)) return replies;
      if (Date.now() > deadline) throw new Error(`no complete answer to ${what} within ${TURN_TIMEOUT_MS} ms; the log:\n${JSON.stringify(this.log, null, 1)}`);
      await pause(POLL_EVERY_MS);
    }
  }

  /** The greeting Direct Line writes after the conversation is created (its messages reply to nothing). */
  greeting(): Promise<LoggedActivity[]> {
    return this.settle('the conversation start', (log) => log.some(isBot), (a) => isBot(a) && a.replyToId === undefined);
  }

  /** The bot's replies to the user's activity `id` (they carry `replyToId: id`). */
  repliesTo(id: string): Promise<LoggedActivity[]> {
    return this.settle(`activity ${id}`, (log) => log.some((a) => a.id === id), (a) => isBot(a) && a.replyToId === id);
  }
}

const replyOf = (activity: LoggedActivity): Reply => ({
  text: activity.text ?? '',
  ...(activity.channelData?.softbounce ? { position: activity.channelData.softbounce } : {}),
});

/** Plays every turn of `dialogue` in a new conversation; the caller judges the turns. */
export async function playOverDirectLine(client: DirectLineClient, dialogue: Dialogue): Promise<PlayedTurn[]> {
  const started = await client.start();
  if (started.status !== 201) throw new Error(`starting a conversation answered ${started.status}: ${JSON.stringify(started.body)}`);
  const reader = new LogReader(client, started.body);
  // Web Chat shows the greeting before the user types; waiting for it keeps the turns in the order people see.
  await reader.greeting();
  const played: PlayedTurn[] = [];
  for (const turn of dialogue.turns) {
    const id = await client.say(started.body, turn.say);
    const replies = await reader.repliesTo(id);
    played.push({ say: turn.say, expect: turn.expect, replies: replies.map(replyOf) });
  }
  return played;
}
