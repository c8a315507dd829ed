/**
 * The agents API: take a conversation from the bot, hand one (back) to it, write to the user, read or erase
 * a conversation. Every route needs `Authorization: Bearer <AGENT_TOKEN>`.
 */
import { Hono } from 'hono';
import type { Output, TurnInput } from '../../core/types.js';
import type { AppDeps } from '../../http/deps.js';
import { readJsonBody } from '../../http/body.js';
import { badRequest, notFound } from '../../http/errors.js';
import type { ConversationRef } from '../../store/types.js';
import { requireAgentToken } from './auth.js';
import { agentMessageSchema, handoffSchema, takeoverSchema } from './schemas.js';

export function agentRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.use('/api/agents/*', requireAgentToken(deps.config.AGENT_TOKEN));

  /** The stored conversation, or a 404. */
  async function known(id: string) {
    const record = await deps.conversations.get(id);
    if (!record) throw notFound(`conversation ${id} is unknown`);
    return record;
  }

  /** Runs an agent's turn and shows its outputs (or `shown`) to the user on their own channel at `target`. */
  async function agentTurn(id: string, target: ConversationRef, input: TurnInput, shown?: Output[]) {
    const outcome = await deps.conversations.turn(id, target, input);
    const visible = shown ?? outcome.outputs;
    const send = deps.senders?.[target.channel];
    if (send && visible.some((o) => o.kind === 'say' || o.kind === 'ask')) {
      deps.background(
        send(outcome.record, visible, outcome.position).catch((error: unknown) =>
          deps.log.warn('agent turn could not reach the user', { conversationId: id, error: String(error) }),
        ),
      );
    }
    return { conversationId: id, handler: outcome.state.handler, position: outcome.position };
  }

  app.post('/api/agents/takeover', async (c) => {
    const body = await readJsonBody(c, takeoverSchema);
    const { ref } = await known(body.conversationId);
    return c.json(await agentTurn(body.conversationId, ref, { kind: 'agent_takeover', agent: body.agent, note: body.note }));
  });

  app.post('/api/agents/handoff', async (c) => {
    const body = await readJsonBody(c, handoffSchema);
    const input: TurnInput = { kind: 'agent_handoff', known: { ...body.known, agent: body.agent } };
    const target = (await deps.conversations.get(body.conversationId))?.ref ?? body.ref;
    if (!target) throw notFound(`conversation ${body.conversationId} is unknown: to start it, send "ref" with its channel and conversationId`);
    return c.json(await agentTurn(body.conversationId, target, input));
  });

  app.post('/api/agents/conversations/:id/messages', async (c) => {
    const id = c.req.param('id');
    const body = await readJsonBody(c, agentMessageSchema);
    const record = await known(id);
    if (record.state.handler !== 'human') throw badRequest('the bot has this conversation: take it over first (POST /api/agents/takeover)');
    const text = body.agent ? `${body.agent}: ${body.text}` : body.text;
    return c.json(await agentTurn(id, record.ref, { kind: 'agent_message', text: body.text, agent: body.agent }, [{ kind: 'say', text }]));
  });

  app.get('/api/agents/conversations/:id', async (c) => {
    const record = await known(c.req.param('id'));
    const { transcript, ...state } = record.state;
    return c.json({ id: record.id, ref: record.ref, createdAt: record.createdAt, updatedAt: record.updatedAt, state, transcript });
  });

  app.delete('/api/agents/conversations/:id', async (c) => {
    const id = c.req.param('id');
    await known(id);
    await deps.store.deleteConversation(id);
    deps.log.info('conversation erased on request', { conversationId: id });
    return c.body(null, 204);
  });
  return app;
}
