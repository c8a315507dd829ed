/**
 * Load and faults over HTTP against the real Node server: many conversations at once, each a scripted customer
 * who waits for every answer; then the same with `kill -9` of the server partway and a restart on the same data.
 */
import { SCRIPTS } from '../../bench/scripts.js';
import { storedConversation, userLines } from './agents.js';
import { auditLog, botMessages, openConversation, postMessage, readLog, type DirectLineConversation } from './direct-line.js';
import { summary, verdict } from './tally.js';

/** What the bot said, per script, in conversations nothing disturbed: what a faulted conversation must match. */
type Reference = Map<number, string[]>;

const textOf = (script: number, turn: number) => SCRIPTS[script % SCRIPTS.length]![turn % SCRIPTS[script % SCRIPTS.length]!.length]!;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function inBatches<T, R>(items: T[], size: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map((item, j) => work(item, i + j)))));
  return results;
}

/** Audits every conversation's log and stored transcript; records lost and doubled turns in the summary. */
async function audit(
  name: string,
  base: string,
  open: DirectLineConversation[],
  sent: string[][],
  turns: number,
): Promise<Map<number, string[][]>> {
  const problems: string[] = [];
  const said = new Map<number, string[][]>();
  await inBatches(open, 50, async (c, i) => {
    const log = await readLog(base, c);
    const result = auditLog(c.id, log, sent[i]!);
    problems.push(...result.problems);
    summary.lostTurns += result.lost;
    summary.duplicatesProcessed += result.duplicated;
    const stored = userLines(await storedConversation(base, c.id));
    const expected = Array.from({ length: turns }, (_, t) => textOf(i, t));
    // A line the stored state holds more often than it was said was processed twice.
    summary.duplicatesProcessed += Math.max(0, stored.length - expected.length);
    if (stored.join('\u0000') !== expected.join('\u0000')) {
      problems.push(`${c.id}: the stored transcript has ${stored.length} user lines, expected the ${turns} sent, in order`);
    }
    const script = i % SCRIPTS.length;
    said.set(script, [...(said.get(script) ?? []), botMessages(log).map((a) => a.text ?? '')]);
  });
  verdict(`${name}: every transcript complete, no lost, doubled or reordered turn`, problems, `${open.length} conversations x ${turns} turns`);
  return said;
}

/** Conversations that played the same script must have heard the same words: no cross-talk between them. */
function sameWords(name: string, said: Map<number, string[][]>, reference?: Reference): void {
  const problems: string[] = [];
  for (const [script, runs] of said) {
    const first = reference?.get(script) ?? runs[0]!;
    const differing = runs.filter((r) => r.join('\n') !== first.join('\n'));
    if (differing.length > 0) {
      const other = differing[0]!;
      const at = other.findIndex((text, i) => text !== first[i]);
      problems.push(
        `script ${script}: ${differing.length} of ${runs.length} conversations heard different bot replies; ` +
          `reply ${at + 1} was ${JSON.stringify(other[at]?.slice(0, 160))}, expected ${JSON.stringify(first[at]?.slice(0, 160))}`,
      );
    }
  }
  verdict(name, problems);
}

/** Plays every script once, one message at a time, on a server that is not disturbed: what the bot should say. */
async function controls(base: string, turns: number): Promise<Reference> {
  const reference: Reference = new Map();
  await Promise.all(
    SCRIPTS.map(async (_, script) => {
      const c = await openConversation(base);
      for (let t = 0; t < turns; t += 1) await postMessage(base, c, textOf(script, t), `${c.id}-control-${t}`);
      reference.set(script, botMessages(await readLog(base, c)).map((a) => a.text ?? ''));
    }),
  );
  return reference;
}

/** N conversations × T turns at once; every answer must be a 200 and every log complete. */
export async function loadTest(base: string, conversations: number, turns: number): Promise<void> {
  const open = await inBatches(Array.from({ length: conversations }), 100, () => openConversation(base));
  const sent: string[][] = open.map(() => []);
  const statuses = new Map<number, number>();
  await Promise.all(
    open.map(async (c, i) => {
      for (let t = 0; t < turns; t += 1) {
        const id = `${c.id}-t${t}`;
        const status = await postMessage(base, c, textOf(i, t), id);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status === 200) sent[i]!.push(id);
      }
    }),
  );
  const not200 = [...statuses].filter(([s]) => s !== 200).map(([s, n]) => `${n} answers with status ${s}`);
  verdict('load: every message answered 200', not200, `${conversations * turns} messages`);
  const said = await audit('load', base, open, sent, turns);
  sameWords('load: conversations with the same script heard the same replies (no cross-talk)', said);
}

/**
 * The same load, with the server killed (SIGKILL) once 40% of the messages were answered, and started
 * again on the same data. A client whose request failed looks in the log before sending again, as a user
 * would look at the chat before retyping.
 */
export async function faultTest(
  firstBase: string,
  crashAndRestart: () => Promise<string>,
  conversations: number,
  turns: number,
): Promise<void> {
  let base = firstBase;
  let restarted: Promise<string> | undefined;
  let answered = 0;
  let inFlightAtKill = 0;
  let inFlight = 0;
  let foundWithoutAnswer = 0;
  const killAt = Math.floor(conversations * turns * 0.4);
  const problems: string[] = [];

  const open = await inBatches(Array.from({ length: conversations }), 100, () => openConversation(base));
  const sent: string[][] = open.map(() => []);
  await Promise.all(
    open.map(async (c, i) => {
      for (let t = 0; t < turns; t += 1) {
        const id = `${c.id}-t${t}`;
        for (let attempt = 0; ; attempt += 1) {
          try {
            inFlight += 1;
            const status = await postMessage(base, c, textOf(i, t), id).finally(() => (inFlight -= 1));
            if (status !== 200) problems.push(`${c.id} turn ${t}: answered ${status}`);
            else sent[i]!.push(id);
            answered += 1;
            if (answered === killAt) {
              inFlightAtKill = inFlight;
              restarted = crashAndRestart().then((url) => (base = url));
            }
            break;
          } catch (error) {
            if (!restarted || attempt >= 3) {
              problems.push(`${c.id} turn ${t}: ${String(error)}`);
              await pause(200);
              if (attempt >= 3) break;
              continue;
            }
            await restarted;
            const log = await readLog(base, c);
            if (log.some((a) => a.channelData?.clientActivityID === id)) {
              foundWithoutAnswer += 1;
              break;
            }
          }
        }
      }
    }),
  );
  verdict('faults: the server was killed under load and restarted', restarted ? [] : ['the kill never happened'], `${inFlightAtKill} requests in flight at the kill`);
  verdict('faults: every message was answered, before or after the restart', problems);
  const said = await audit('faults', base, open, sent, turns);
  // Controls on the restarted server: the same scripts, never interrupted, must draw the same replies.
  sameWords('faults: every conversation continued where it was (same replies as a conversation without a restart)', said, await controls(base, turns));
  console.log(`      ${foundWithoutAnswer} messages were stored but their answer was lost with the server; the client found them and did not resend`);
}
