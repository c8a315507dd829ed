/** The metrics softbounce exports at `/metrics`: turns, turn latency, outcomes, handoffs and HTTP errors. */
import { createMetricsRegistry, type Counter, type Histogram, type MetricsRegistry } from './metrics.js';

/** Named metrics shared by the turn instrumentation and the HTTP middleware. */
export interface AppMetrics {
  registry: MetricsRegistry;
  /** Turns by channel and the status they left the conversation in. */
  turns: Counter;
  /** Wall time of one turn (load, engine, live checks, persist), by channel. */
  turnSeconds: Histogram;
  /** Turns the engine failed and answered with an apology, by channel. */
  turnFailures: Counter;
  /** Outcomes reached, by outcome and escalation reason. */
  outcomes: Counter;
  /** Cases handed to humans, by channel and reason. */
  handoffs: Counter;
  /** Every HTTP response, by route group and status class (2xx, 4xx, 5xx). */
  httpResponses: Counter;
  /** 4xx and 5xx answers, by route group and exact status. */
  channelErrors: Counter;
}

/** Turn latency buckets in seconds: a plain turn takes milliseconds, one with live DNS/SMTP checks seconds. */
export const TURN_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Registers the app's metrics in `registry` (a new one when not given). */
export function createAppMetrics(registry: MetricsRegistry = createMetricsRegistry()): AppMetrics {
  return {
    registry,
    turns: registry.counter('softbounce_turns_total', 'Conversation turns run, by channel and resulting status.'),
    turnSeconds: registry.histogram('softbounce_turn_duration_seconds', 'Time to run and persist one turn, by channel.', TURN_BUCKETS),
    turnFailures: registry.counter('softbounce_turn_failures_total', 'Turns the engine failed and answered with an apology.'),
    outcomes: registry.counter('softbounce_outcomes_total', 'Conversations reaching an outcome, by outcome and reason.'),
    handoffs: registry.counter('softbounce_handoffs_total', 'Cases handed to the support team, by channel and reason.'),
    httpResponses: registry.counter('softbounce_http_responses_total', 'HTTP responses, by route group and status class.'),
    channelErrors: registry.counter('softbounce_channel_errors_total', 'HTTP 4xx and 5xx answers, by route group and status.'),
  };
}
