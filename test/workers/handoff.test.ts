/** An escalation on Workers: the conversation's object queues the case and the index object's alarm delivers it. */
import { env, runDurableObjectAlarm } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { conversationStub, indexStub } from '../../src/runtime/worker/bindings.js';

type Received = { signature: string | null; packet: { caseId: string; conversation: { id: string } } };

async function casesOf(conversationId: string): Promise<Received[]> {
  for (let tries = 0; ; tries += 1) {
    const cases = (await (await fetch('https://helpdesk.test/cases')).json()) as Received[];
    const ours = cases.filter((c) => c.packet.conversation.id === conversationId);
    if (ours.length > 0 || tries >= 50) return ours;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('delivers an escalated case to the helpdesk webhook, signed, and empties the queue', async () => {
  const id = crypto.randomUUID();
  const stub = conversationStub(env, id);
  const user = { id: 'u-9' };
  for (const text of ['421 4.3.2 Server busy, try again later', 'talk to a human', 'human please', 'I want a real person']) {
    await stub.directLinePost(id, user, { type: 'message', text });
  }
  expect((await stub.getRecord(id))?.state.status).toBe('escalated');

  // The alarm may already be running on its own (the case is due at once); then this finds none to run.
  await runDurableObjectAlarm(indexStub(env));
  const ours = await casesOf(id);
  expect(ours).toHaveLength(1);
  expect(ours[0]?.signature).toMatch(/^v1=/);
  const queued = await indexStub(env).dueDeliveries(Date.now() + 86_400_000, 100);
  expect(queued.filter((d) => d.conversationId === id)).toEqual([]);
});
