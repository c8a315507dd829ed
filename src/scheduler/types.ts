/**
 * How the scheduler hands a follow-up's replies to the channels. A follow-up runs outside any request, so
 * there is no HTTP response to answer in: each channel supplies a sender that reaches the user proactively
 * through the stored `ConversationRef` (Direct Line: append to the activity log the client polls;
 * Teams: Bot Connector `sendToConversation` at `ref.serviceUrl`; Slack: `chat.postMessage` in `ref.threadTs`).
 */
import type { Output, Position } from '../core/types.js';
import type { ChannelId, ConversationRecord } from '../store/types.js';

/**
 * Sends the outputs of a turn nobody is waiting on (a follow-up) to the user of `record`. Senders render
 * what the user should see (`say`, `ask`) and ignore the rest; the turn is already persisted. Throwing marks
 * the send as failed: the scheduler logs it and does not run the turn again.
 */
export type ChannelSender = (record: ConversationRecord, outputs: Output[], position: Position) => Promise<void>;

/** One sender per channel, keyed by `ConversationRef.channel`; a channel without a sender is not configured. */
export type ChannelSenders = Partial<Record<ChannelId, ChannelSender>>;

/** Hands a persisted turn's outputs to whoever can show them to the user. */
export type Deliver = ChannelSender;
