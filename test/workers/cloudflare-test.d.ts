/** The parts of the pool's `cloudflare:test` module these tests use (its full types need the Workers globals). */
declare module 'cloudflare:test' {
  /** The test Worker's bindings, as wrangler.toml declares them. */
  export const env: import('../../src/runtime/worker/bindings.js').WorkerEnv;
  /** Runs the object's alarm now if one is set; true when it ran. */
  export function runDurableObjectAlarm(stub: unknown): Promise<boolean>;
}
