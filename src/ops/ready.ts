/** Readiness: named checks that must all pass before the app should get traffic. */
import type { TurnDeps } from '../core/types.js';
import type { Store } from '../store/types.js';

/** A check throws (or rejects) with a readable reason when its part is not ready. */
export type ReadyCheck = () => Promise<void> | void;

/** What `/readyz` reports: each check's result, and whether all passed. */
export interface Readiness {
  ready: boolean;
  checks: Record<string, 'ok' | string>;
}

/** The store answers a trivial query. */
export function storeReadyCheck(store: Store): ReadyCheck {
  return () => store.ping();
}

/** The flows and the intent model are loaded and usable: a known phrase reaches the flow set's default flow. */
export function engineReadyChecks(deps: Pick<TurnDeps, 'flows' | 'nlu'>): Record<string, ReadyCheck> {
  return {
    flows: () => {
      const count = Object.keys(deps.flows.flows).length;
      if (count === 0 || !deps.flows.flows[deps.flows.defaultFlowId]) {
        throw new Error(`default flow "${deps.flows.defaultFlowId}" is not loaded (${count} flows)`);
      }
    },
    model: () => {
      const reading = deps.nlu.classify('my mail keeps bouncing with 421 try again later');
      if (reading.topic !== 'delivery_temporary') throw new Error(`the intent model read a 421 report as ${reading.topic}`);
    },
  };
}

/** Runs every check at once; a check that does not settle within `timeoutMs` counts as failed. */
export async function checkReadiness(checks: Record<string, ReadyCheck>, timeoutMs = 2000): Promise<Readiness> {
  const names = Object.keys(checks);
  const results = await Promise.all(
    names.map(async (name) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([Promise.resolve().then(() => checks[name]!()), timeout]);
        return 'ok';
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const report = Object.fromEntries(names.map((name, i) => [name, results[i]!]));
  return { ready: results.every((r) => r === 'ok'), checks: report };
}
