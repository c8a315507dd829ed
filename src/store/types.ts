/** One storage interface, three backends: memory (tests), SQLite (Node), Durable Objects (Workers). */
import type { ConversationState, TranscriptEntry, TurnEvent } from '../core/types.js';

export type ChannelId = 'directline' | 'msteams' | 'slack' | 'cli' | 'agent';

/** How to reach the user on their own channel again (follow-ups, agent notes). */
export interface ConversationRef {
  channel: ChannelId;
  /** The platform's conversation id (Teams conversation, Slack channel, Direct Line conversation). */
  conversationId: string;
  /** Slack thread timestamp; a thread is one conversation. */
  threadTs?: string;
  /** Bot Framework service URL to reply through. */
  serviceUrl?: string;
  userId?: string;
  userName?: string;
  botId?: string;
  tenantId?: string;
}

export interface ConversationRecord {
  id: string;
  ref: ConversationRef;
  state: ConversationState;
  /** Bumped by every successful write; used for compare-and-set. */
  version: number;
  createdAt: number;
  updatedAt: number;
}

/** A check-back the flow scheduled ("I'll ask you at 14:30 whether it went through"). */
export interface Followup {
  id: string;
  conversationId: string;
  dueAt: number;
  text: string;
}

/** Something to deliver outside the conversation (a case to a helpdesk, a Slack agents' channel, ...). */
export interface Delivery {
  id: string;
  conversationId: string;
  target: string;
  payload: unknown;
  attempts: number;
  nextAt: number;
  lastError?: string;
}

export interface StoredEvent extends TurnEvent {
  conversationId: string;
  channel: ChannelId;
  /** When the conversation was created (the service fills it; the analytics cohort is built from it). */
  startedAt?: number;
  /** A typed message the matcher was unsure about (see src/analytics/unsure.ts). */
  unsure?: boolean;
  /** That message, redacted and cut, as an example to add to `intents/`. */
  text?: string;
}

/** A platform object's link to a conversation (see Store.putLink). */
export interface StoredLink {
  conversationId: string;
  value: string;
}

/** Everything one turn writes, committed together by `Store.commitTurn`. */
export interface TurnWrite {
  record: ConversationRecord;
  /** As for `putConversation`: the stored version this turn was computed from (0 for a new conversation). */
  expectedVersion: number;
  /** Follow-ups to schedule (an id already scheduled is replaced). */
  followups?: Followup[];
  /** Follow-up ids to cancel; an id appears in `followups` or here, never both. */
  cancelFollowups?: string[];
  deliveries?: Delivery[];
  events?: StoredEvent[];
  /** Activities to append to this conversation's log in the same write as the record. */
  activities?: unknown[];
  /** Labels the first of `activities` so `findActivity` finds it again (a client's own activity id). */
  activityKey?: string;
  /**
   * Transcript lines of this turn, appended to the conversation's transcript in the same write as the record.
   * The transcript lives beside the record, not in it, so a turn writes the same few bytes at its 200th turn as at its 5th.
   */
  transcript?: TranscriptEntry[];
}

/** A write lost a compare-and-set race. */
export class VersionConflictError extends Error {
  readonly code = 'version_conflict';
  constructor(id: string) {
    super(`conversation ${id} was changed by another writer; reload and retry`);
  }
}

export interface Store {
  getConversation(id: string): Promise<ConversationRecord | undefined>;
  /** Writes when the stored version equals `expectedVersion` (0 for a new conversation), else throws VersionConflictError. */
  putConversation(record: ConversationRecord, expectedVersion: number): Promise<void>;
  /**
   * Writes a turn: the record (compare-and-set as `putConversation`) and its activities in one atomic write,
   * with its follow-ups, deliveries and events (in the same transaction where the backend has one place to
   * write; see durable-object.ts). On a conflict nothing is written. Resolves with the log's new watermark.
   */
  commitTurn(write: TurnWrite): Promise<number>;
  /** The conversation's transcript as appended by `commitTurn`, oldest first (empty for an unknown conversation). */
  getTranscript(conversationId: string): Promise<TranscriptEntry[]>;
  /** Erases a conversation with its transcript, activities, follow-ups, deliveries, events and links. */
  deleteConversation(id: string): Promise<void>;

  /** Appends channel activities (Direct Line log); returns the new watermark (number of activities). */
  appendActivities(conversationId: string, activities: unknown[]): Promise<number>;
  /** Activities after `watermark`, oldest first, and the watermark to poll with next. */
  getActivities(conversationId: string, watermark: number): Promise<{ activities: unknown[]; watermark: number }>;

  /** The last `limit` activities (oldest first) and the log's watermark; limit 0 asks for just the watermark. */
  recentActivities(conversationId: string, limit: number): Promise<{ activities: unknown[]; watermark: number }>;
  /** The activity appended under `activityKey` (see TurnWrite), if there is one. */
  findActivity(conversationId: string, key: string): Promise<unknown>;

  /** Records `key` once: true the first time, false for a repeat (retried webhooks). */
  claimOnce(key: string, at: number): Promise<boolean>;

  /**
   * Points `key` (a platform object, such as an agents' case message or its thread) at a conversation, with a
   * small `value` (JSON text); the same key again replaces it. Erased with the conversation.
   */
  putLink(key: string, conversationId: string, value: string): Promise<void>;
  /** What `key` points at, if anything. */
  getLink(key: string): Promise<StoredLink | undefined>;

  /** Schedules a follow-up; the same id again replaces it (rescheduling). */
  putFollowup(followup: Followup): Promise<void>;
  cancelFollowup(id: string): Promise<void>;
  /** Follow-ups due at or before `now`, earliest first (ties by id). */
  dueFollowups(now: number, limit: number): Promise<Followup[]>;

  /** Queues a delivery; a delivery whose id is already queued is left as it is (re-running a turn queues nothing twice). */
  enqueueDelivery(delivery: Delivery): Promise<void>;
  /** Deliveries whose `nextAt` is at or before `now`, earliest first (ties by id). */
  dueDeliveries(now: number, limit: number): Promise<Delivery[]>;
  completeDelivery(id: string): Promise<void>;
  retryDelivery(id: string, nextAt: number, error: string): Promise<void>;

  appendEvents(events: StoredEvent[]): Promise<void>;
  /** Events with `from <= at < to`, oldest first. */
  listEvents(from: number, to: number): Promise<StoredEvent[]>;

  /** Deletes conversations not updated since `before` (with all their rows) and forgets claimOnce keys recorded before it; returns how many conversations. */
  purgeBefore(before: number): Promise<number>;
  /** Throws when the store cannot be reached (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
