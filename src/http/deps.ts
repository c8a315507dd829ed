/** What the HTTP app needs from its runtime. Node and Workers build this differently. */
import type { Config } from '../config.js';
import type { Conversations } from '../conversation/service.js';
import type { Store } from '../store/types.js';
import type { Logger } from '../log.js';

export interface AppDeps {
  config: Config;
  store: Store;
  conversations: Conversations;
  log: Logger;
  now(): number;
  /** Runs work after the response (Workers: waitUntil; Node: a tracked promise). */
  background(work: Promise<unknown>): void;
}
