/**
 * `npm run eval:dialogues`: plays the free-text dialogues in-process through `runTurn`, with the flows and intent
 * model `npm start` loads and the default settings, and prints each dialogue's pass or fail with its failing turns,
 * then a total. The same checker judges them as the Direct Line test (test/conversations/free-text.test.ts), which
 * stays the acceptance test; this is the fast loop. Plays the shared dev dialogues and ours, or only the file given
 * with `--set <file>`. Exits 1 when a dialogue fails.
 */
import { resolve } from 'node:path';
import { loadConfig } from '../src/config.js';
import { runTurn } from '../src/core/run-turn.js';
import { initialState } from '../src/core/state.js';
import type { TurnDeps } from '../src/core/types.js';
import { createTurnDeps } from '../src/runtime/engine.js';
import { DEV_DIALOGUES, OUR_DIALOGUES, readDialogueFile, type Dialogue } from '../test/conversations/free-text/dialogue-file.js';
import { describePosition, judgeDialogue, subStepsOf, type CheckRules, type PlayedTurn } from '../test/conversations/free-text/expect.js';

/** How much of the bot's text a failing turn shows; the Direct Line test's report shows all of it. */
const SHOWN_CHARS = 240;

/** One conversation from its start (the greeting, as Direct Line runs it), each user text a turn. */
function playInProcess(dialogue: Dialogue, deps: TurnDeps): PlayedTurn[] {
  let state = runTurn(initialState(deps.flows, deps.now()), { kind: 'start' }, deps).state;
  return dialogue.turns.map((turn) => {
    const result = runTurn(state, { kind: 'message', text: turn.say }, deps);
    state = result.state;
    // Only `say` and `ask` become messages on a channel, each carrying the turn's position.
    const replies = result.outputs.flatMap((o) => (o.kind === 'say' || o.kind === 'ask' ? [{ text: o.text, position: result.position }] : []));
    return { say: turn.say, expect: turn.expect, replies };
  });
}

const oneLine = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > SHOWN_CHARS ? `${flat.slice(0, SHOWN_CHARS)}...` : flat;
};

/** Plays one file and prints its dialogues; returns how many passed out of how many. */
function evaluateFile(path: string, deps: TurnDeps, subSteps: ReadonlySet<string>): { passed: number; total: number } {
  const file = readDialogueFile(path);
  const rules: CheckRules = { checks: file.checks, subSteps };
  console.log(path);
  let passed = 0;
  for (const dialogue of file.dialogues) {
    const played = playInProcess(dialogue, deps);
    const failures = judgeDialogue(played, rules);
    if (failures.length === 0) passed += 1;
    console.log(`  ${failures.length === 0 ? 'PASS' : 'FAIL'} ${dialogue.id}`);
    for (const { turn, failed } of failures) {
      const at = played[turn - 1];
      console.log(`       turn ${turn}/${played.length} user: ${at?.say}`);
      console.log(`         bot: ${oneLine(at?.replies.map((r) => r.text).join(' | ') || '(no reply)')}`);
      console.log(`         at: ${describePosition(at?.replies.at(-1)?.position, rules)}`);
      for (const line of failed) console.log(`         x ${line}`);
    }
  }
  console.log(`  ${passed}/${file.dialogues.length} passed\n`);
  return { passed, total: file.dialogues.length };
}

function main(): void {
  const setAt = process.argv.indexOf('--set');
  const only = setAt >= 0 ? process.argv[setAt + 1] : undefined;
  if (setAt >= 0 && !only) throw new Error('--set needs the path of a dialogue file ({"about", "checks", "dialogues"})');
  // The defaults are the settings the expectations assume (escalation after 4 h, no live checks), whatever the shell says.
  const deps = createTurnDeps(loadConfig({}));
  const subSteps = subStepsOf(deps.flows);
  const files = only ? [resolve(only)] : [DEV_DIALOGUES, OUR_DIALOGUES];
  const results = files.map((path) => evaluateFile(path, deps, subSteps));
  const passed = results.reduce((sum, r) => sum + r.passed, 0);
  const total = results.reduce((sum, r) => sum + r.total, 0);
  console.log(`total: ${passed}/${total} dialogues passed, ${total - passed} failed`);
  process.exitCode = passed === total ? 0 : 1;
}

main();
