/** What the HTTP app needs from its runtime. Node and Workers build this differently. */
import type { Context } from 'hono';
import type { Config } from '../config.js';
import type { Conversations } from '../conversation/service.js';
import type { Store } from '../store/types.js';
import type { Logger } from '../log.js';
import type { LogWriter } from '../channels/directline/log-writer.js';
import type { TeamsCredentials } from '../channels/teams/connector.js';
import type { AssetReader } from '../web/routes.js';
import type { ChannelSenders } from '../scheduler/types.js';
import type { AppMetrics } from '../ops/app-metrics.js';
import type { ReadyCheck } from '../ops/ready.js';

/** A Direct Line stream request that passed its checks: whose conversation, until when, and from where. */
export interface StreamRequest {
  conversationId: string;
  /** When the token in the stream address expires (epoch ms): the socket closes then. */
  expiresAt: number;
  /** The log position the client has already seen; the socket first sends what follows it. */
  after: number;
}

/** Upgrades a verified stream request to a WebSocket; Node and Workers each hold sockets their own way. */
export type StreamOpener = (c: Context, request: StreamRequest) => Response | Promise<Response>;

export interface AppDeps {
  config: Config;
  store: Store;
  conversations: Conversations;
  log: Logger;
  now(): number;
  /** Runs work after the response (Workers: waitUntil; Node: a tracked promise). */
  background(work: Promise<unknown>): void;
  /** The Direct Line log writer, when the runtime shares it with the follow-up scheduler (one writer per log). */
  directLine?: LogWriter;
  /** Opens Direct Line WebSocket streams; without it the stream route says to poll instead. */
  directLineStream?: StreamOpener;
  /** Signs Bot Connector calls; defaults to the app's own credentials (tests inject a fixed token). */
  teamsCredentials?: TeamsCredentials;
  /** Bytes of the static files the support page needs (Node reads them; Workers serve them as assets). */
  readAsset?: AssetReader;
  /** Proactive senders per channel: agent messages and hand-backs reach the user through them. */
  senders?: ChannelSenders;
  /** Counters for `/metrics`; the app makes its own when absent (per isolate on Workers). */
  metrics?: AppMetrics;
  /** Extra readiness checks for `/readyz` besides the store (Node: flows and model loaded). */
  readyChecks?: Record<string, ReadyCheck>;
}
