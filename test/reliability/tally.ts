/**
 * What the reliability suite counts and how it judges: every request goes through `send`, which counts it
 * and every 5xx; every check is a named pass or fail with the reason.
 */

/** The figures the suite prints at the end. */
export interface Summary {
  requestsSent: number;
  serverErrors: number;
  lostTurns: number;
  duplicatesProcessed: number;
  badInputsTried: number;
  rejectedAttacks: number;
}

export const summary: Summary = {
  requestsSent: 0,
  serverErrors: 0,
  lostTurns: 0,
  duplicatesProcessed: 0,
  badInputsTried: 0,
  rejectedAttacks: 0,
};

/** The first few 5xx answers, for the failure message. */
export const serverErrorSamples: string[] = [];

/** `fetch` that counts the request and any 5xx answer. Network errors propagate (the caller decides). */
export async function send(url: string, init: RequestInit = {}): Promise<Response> {
  summary.requestsSent += 1;
  return counted(url, init, await fetch(url, init));
}

/** Counts a 5xx answer that came some other way than `send`. */
export async function counted(url: string, init: RequestInit, response: Response): Promise<Response> {
  if (response.status >= 500) {
    summary.serverErrors += 1;
    if (serverErrorSamples.length < 5) {
      serverErrorSamples.push(`${init.method ?? 'GET'} ${new URL(url).pathname} -> ${response.status} ${await response.clone().text()}`);
    }
  }
  return response;
}

const outcomes: { name: string; ok: boolean }[] = [];

/** Records one check: `problems` empty means it passed; otherwise the first few are shown. */
export function verdict(name: string, problems: string[], passedDetail = ''): void {
  const ok = problems.length === 0;
  const shown = problems.slice(0, 5).join('\n      ');
  const more = problems.length > 5 ? `\n      ... and ${problems.length - 5} more` : '';
  outcomes.push({ name, ok });
  if (ok) console.log(`PASS  ${name}${passedDetail ? ` (${passedDetail})` : ''}`);
  else console.log(`FAIL  ${name}\n      ${shown}${more}`);
}

/** Runs a section; an exception inside it is one failed check, never an unhandled crash of the suite. */
export async function section(name: string, work: () => Promise<void>): Promise<void> {
  console.log(`\n== ${name}`);
  const started = performance.now();
  try {
    await work();
  } catch (error) {
    verdict(`${name}: ran to the end`, [error instanceof Error ? (error.stack ?? error.message) : String(error)]);
  }
  console.log(`   (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

/** Passed and failed counts so far. */
export function counts(): { passed: number; failed: number } {
  const failed = outcomes.filter((o) => !o.ok).length;
  return { passed: outcomes.length - failed, failed };
}
