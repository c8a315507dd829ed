import { env } from 'cloudflare:test';
import { createDurableObjectStore } from '../../src/store/durable-object.js';
import type { ConversationRpc, IndexRpc } from '../../src/runtime/worker/bindings.js';
import { runStoreContract } from '../contract/store-contract.js';

// Each store gets its own objects (a fresh name prefix), so every test starts from empty storage.
runStoreContract('Durable Objects (workerd)', async () => {
  const scope = crypto.randomUUID();
  const named = (namespace: typeof env.CONVERSATION, name: string) => namespace.get(namespace.idFromName(`${scope}:${name}`));
  return createDurableObjectStore({
    conversation: (id) => named(env.CONVERSATION, id) as unknown as ConversationRpc,
    index: () => named(env.STORE_INDEX, 'index') as unknown as IndexRpc,
  });
});
