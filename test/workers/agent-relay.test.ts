/**
 * An agent's turns on Workers: the conversation's object applies each input key once and queues the replies
 * for the user; the index object's alarm delivers them into the conversation's Direct Line log.
 */
import { env, runDurableObjectAlarm } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { conversationStub, indexStub } from '../../src/runtime/worker/bindings.js';

async function texts(id: string, wanted: string): Promise<string[]> {
  for (let tries = 0; ; tries += 1) {
    const { activities } = await conversationStub(env, id).getActivities(0);
    const all = (activities as { text?: string }[]).map((a) => a.text ?? '');
    if (all.includes(wanted) || tries >= 50) return all;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('relays an agent message into the web chat log once, however often the platform delivers it', async () => {
  const id = crypto.randomUUID();
  const stub = conversationStub(env, id);
  for (const text of ['421 4.3.2 Server busy, try again later', 'talk to a human', 'human please', 'I want a real person']) {
    await stub.directLinePost(id, { id: 'u-7' }, { type: 'message', text });
  }
  const record = await stub.getRecord(id);
  expect(record?.state.status).toBe('escalated');
  const ref = record!.ref;
  await stub.turn(id, ref, { kind: 'agent_takeover', agent: 'Ana', announce: true }, { deliverToUser: true, key: 'take:1' });
  const message = { kind: 'agent_message', text: 'Hello from Ana.', agent: 'Ana' } as const;
  const first = await stub.turn(id, ref, message, { deliverToUser: true, key: 'slack:msg:C0AGENTS:1.1' });
  const again = await stub.turn(id, ref, message, { deliverToUser: true, key: 'slack:msg:C0AGENTS:1.1' });
  expect(first.duplicate).toBeUndefined();
  expect(again.duplicate).toBe(true);

  // The alarm may already be running on its own (the replies are due at once); then this finds none to run.
  await runDurableObjectAlarm(indexStub(env));
  const all = await texts(id, 'Ana: Hello from Ana.');
  expect(all.filter((t) => t === 'Ana: Hello from Ana.')).toHaveLength(1);
  expect(all.some((t) => t.includes('support team is handling'))).toBe(true);
});
