/**
 * The parts of the `cloudflare:workers` module this project uses. The full `@cloudflare/workers-types` globals
 * would clash with the DOM and Node types the rest of the project compiles against, so only these are declared.
 */
declare module 'cloudflare:workers' {
  import type { DurableObjectState } from '@cloudflare/workers-types';

  /** Base class of RPC-capable Durable Objects. */
  export abstract class DurableObject<Env = unknown> {
    protected ctx: DurableObjectState;
    protected env: Env;
    constructor(ctx: DurableObjectState, env: Env);
  }

  /** Keeps the current request's invocation alive until `promise` settles. */
  export function waitUntil(promise: Promise<unknown>): void;
}

/** Outbound TCP from a Worker (the SMTP greeting probe). */
declare module 'cloudflare:sockets' {
  export function connect(address: { hostname: string; port: number }): import('../../checks/smtp-banner-worker.js').WorkerSocket;
}
