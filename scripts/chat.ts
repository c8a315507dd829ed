/**
 * `npm run chat`: talk to the bot in the terminal, with the same engine and the memory store.
 * Choices are numbered; typing a number picks it. `--flow NAME` loads flows/NAME.yaml straight from the file,
 * so a flow editor can try a change at once. Commands: /wait MINUTES, /followup, /state, /quit.
 */
import { createInterface } from 'node:readline/promises';
import { loadConfig } from '../src/config.js';
import { createConversations } from '../src/conversation/service.js';
import type { Choice, Output, TurnDeps, TurnInput } from '../src/core/types.js';
import { describeProblem, FlowError, loadFlowSet } from '../src/flows/load.js';
import { createNodeCheckRunner } from '../src/checks/node-checks.js';
import { createTurnDeps } from '../src/runtime/engine.js';
import { createMemoryStore } from '../src/store/memory.js';
import { readFlowFile } from './read-flows.js';

const CONVERSATION = `cli-${Date.now()}`;
const REF = { channel: 'cli' as const, conversationId: CONVERSATION };

function flowFromArgs(args: string[]): string | undefined {
  const i = args.indexOf('--flow');
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith('--flow='))?.slice('--flow='.length);
}

function withFlowFile(deps: TurnDeps, name: string): TurnDeps {
  const file = readFlowFile(new URL(`../flows/${name.replace(/\.ya?ml$/, '')}.yaml`, import.meta.url).pathname);
  if (file.error) throw new Error(`${file.file}: ${file.error}`);
  return { ...deps, flows: loadFlowSet([file.raw]) };
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  let offsetMs = 0;
  const base = createTurnDeps(config, () => Date.now() + offsetMs);
  const flowName = flowFromArgs(process.argv.slice(2));
  const deps = flowName ? withFlowFile(base, flowName) : base;
  const runCheck = createNodeCheckRunner(config);
  const conversations = createConversations({ store: createMemoryStore(), deps, ...(runCheck ? { runCheck } : {}) });
  let choices: Choice[] = [];
  let followupId: string | undefined;

  const show = (outputs: Output[]) => {
    for (const output of outputs) {
      if (output.kind === 'say') console.log(`bot> ${output.text}`);
      if (output.kind === 'ask') {
        console.log(`bot> ${output.text}`);
        output.choices.forEach((c, i) => console.log(`     ${i + 1}. ${c.label}`));
        choices = output.choices;
      }
      if (output.kind === 'schedule') {
        followupId = output.followupId;
        console.log(`     (check-back due ${new Date(output.at).toISOString()}: type /followup to have it now, or /wait MINUTES)`);
      }
      if (output.kind === 'cancel_schedule' && output.followupId === followupId) followupId = undefined;
      if (output.kind === 'handoff') console.log(`     (handed to a human: ${output.case.reason}; ${output.case.summary})`);
      if (output.kind === 'check') console.log(`     (live check asked: ${output.check} ${output.target}${runCheck ? '' : '; LIVE_CHECKS is off'})`);
    }
  };
  const turn = async (input: TurnInput) => {
    const outcome = await conversations.turn(CONVERSATION, REF, input);
    show(outcome.outputs);
    const p = outcome.position;
    const where = p.stepId ? `step ${p.stepNumber}/${p.stepCount} ${p.stepId}` : 'no check open';
    console.log(`     [${p.flowId} ${where} · ${p.status}]`);
  };

  console.log(`softbounce chat${flowName ? ` (flow file flows/${flowName}.yaml)` : ''}. Commands: /wait MINUTES, /followup, /state, /quit`);
  await turn({ kind: 'start' });
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  rl.setPrompt('you> ');
  rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (text === '/quit') break;
    if (text.startsWith('/wait')) {
      offsetMs += Number(text.split(/\s+/)[1] ?? '0') * 60_000;
      console.log(`     (clock moved on ${offsetMs / 60_000} minutes in all)`);
    } else if (text === '/followup') {
      if (followupId) await turn({ kind: 'followup', followupId });
      else console.log('     (no check-back is scheduled)');
    } else if (text === '/state') {
      console.log(JSON.stringify((await conversations.get(CONVERSATION))?.state.slots ?? {}, null, 2));
    } else {
      const picked = /^\d{1,2}$/.test(text) ? choices[Number(text) - 1] : undefined;
      await turn(picked ? { kind: 'message', text: picked.label, choice: picked.id } : { kind: 'message', text: line });
    }
    rl.prompt();
  }
  rl.close();
}

main().catch((error: unknown) => {
  if (error instanceof FlowError) console.error(`The flow file has problems:\n${error.problems.map(describeProblem).join('\n')}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
