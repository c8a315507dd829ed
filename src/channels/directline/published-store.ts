/**
 * A store that tells the stream hub what it wrote: every Direct Line activity set, once committed, goes to the
 * conversation's open sockets, and erasing a conversation closes them. Used on Node; on Workers the
 * conversation's Durable Object pushes from its own commits.
 */
import type { Store } from '../../store/types.js';
import type { StreamHub } from './stream-hub.js';

/** Wraps `store` so its commits reach `hub`. */
export function publishingStore(store: Store, hub: Pick<StreamHub, 'publish' | 'closeConversation'>): Store {
  return {
    ...store,
    async commitTurn(write) {
      const watermark = await store.commitTurn(write);
      if (write.activities?.length) hub.publish(write.record.id, { activities: write.activities, watermark });
      return watermark;
    },
    async appendActivities(conversationId, activities) {
      const watermark = await store.appendActivities(conversationId, activities);
      if (activities.length > 0) hub.publish(conversationId, { activities, watermark });
      return watermark;
    },
    async deleteConversation(id) {
      await store.deleteConversation(id);
      hub.closeConversation(id);
    },
  };
}
