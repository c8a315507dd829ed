/**
 * Replies queued for the user by turns nobody on the user's channel was waiting on (an agent's message, a
 * hand-back, a close): sent on the conversation's own channel through the same senders as follow-ups.
 */
import type { UserPayload } from '../conversation/writes.js';
import { deliverThroughChannels } from '../scheduler/deliver.js';
import type { ChannelSenders } from '../scheduler/types.js';
import type { Store } from '../store/types.js';
import type { Courier } from './outbox.js';

/** Sends a queued reply; a conversation erased meanwhile has nobody left to tell, so its reply is dropped. */
export function userCourier(store: Pick<Store, 'getConversation'>, senders: ChannelSenders): Courier {
  const deliver = deliverThroughChannels(senders);
  return async (delivery) => {
    const record = await store.getConversation(delivery.conversationId);
    if (!record) return;
    const { outputs, position } = delivery.payload as UserPayload;
    await deliver(record, outputs, position);
  };
}
