/** In-process cost of the engine: `runTurn` over whole scripted conversations, and the intent matcher alone. */
import { loadConfig } from '../src/config.js';
import { runTurn } from '../src/core/run-turn.js';
import { initialState } from '../src/core/state.js';
import { moveTranscript } from '../src/conversation/transcript.js';
import { createTurnDeps } from '../src/runtime/engine.js';
import { SCRIPTS } from './scripts.js';
import { summarise } from './stats.js';

/** Milliseconds per `runTurn` call and microseconds per `classify` call. */
export interface EngineFigures {
  turns: ReturnType<typeof summarise>;
  /**
   * The same calls grouped by script line, each line's median taken: what a turn costs without the pauses
   * other processes and the garbage collector add at random (those land in `turns.p99` on a busy machine).
   */
  perLine: ReturnType<typeof summarise>;
  intent: ReturnType<typeof summarise>;
}

/** Plays the scripts until `turns` user turns have run (after a warm-up), timing each call. */
export function measureEngine(turns: number): EngineFigures {
  let clock = Date.UTC(2026, 10, 30, 9);
  const deps = createTurnDeps(loadConfig({}), () => clock);
  const samples: number[] = [];
  const byLine = new Map<string, number[]>();
  const play = (record: boolean) => {
    for (const [s, script] of SCRIPTS.entries()) {
      let state = runTurn(initialState(deps.flows, clock), { kind: 'start' }, deps).state;
      for (const [t, text] of script.entries()) {
        clock += 60_000;
        const started = performance.now();
        const after = runTurn(state, { kind: 'message', text }, deps).state;
        const took = performance.now() - started;
        // As the conversation service stores it: the transcript's lines leave the state after each turn.
        state = moveTranscript(after).state;
        if (!record) continue;
        samples.push(took);
        const line = byLine.get(`${s}.${t}`) ?? [];
        line.push(took);
        byLine.set(`${s}.${t}`, line);
      }
    }
  };
  for (let i = 0; i < 20; i += 1) play(false);
  while (samples.length < turns) play(true);

  const texts = SCRIPTS.flat();
  const intent: number[] = [];
  for (let round = 0; round < 50; round += 1) {
    for (const text of texts) {
      const started = performance.now();
      deps.nlu.classify(text);
      if (round >= 10) intent.push((performance.now() - started) * 1000);
    }
  }
  const perLine = [...byLine.values()].map((line) => summarise(line).p50);
  return { turns: summarise(samples), perLine: summarise(perLine), intent: summarise(intent) };
}
