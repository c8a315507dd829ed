/**
 * The agents API: take a conversation from the bot, hand one (back) to it, write to the user, close a case,
 * read or erase a conversation. Every route needs `Authorization: Bearer <AGENT_TOKEN>`. The actions are the
 * same as the buttons in the Slack and Teams agents' channels (see actions.ts).
 */
import { Hono } from 'hono';
import type { AppDeps } from '../../http/deps.js';
import { parseJsonText, readJsonBody, validateBody } from '../../http/body.js';
import { badRequest, HttpError, notFound } from '../../http/errors.js';
import { createAgentActions, type ActionResult } from './actions.js';
import { requireAgentToken } from './auth.js';
import { agentMessageSchema, closeSchema, handoffSchema, takeoverSchema } from './schemas.js';

/** The action's answer: where the conversation stands now, or the refusal as an HTTP error. */
function answer(result: ActionResult) {
  if (!result.ok) {
    if (result.code === 'unknown') throw notFound(result.message);
    if (result.code === 'not_taken') throw badRequest(`${result.message} (POST /api/agents/takeover)`);
    throw new HttpError(409, 'Conflict', result.message);
  }
  const { outcome } = result;
  return { conversationId: outcome.record.id, handler: outcome.state.handler, position: outcome.position };
}

export function agentRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const actions = createAgentActions(deps.conversations);
  app.use('/api/agents/*', requireAgentToken(deps.config.AGENT_TOKEN));

  /** The stored conversation, or a 404. */
  async function known(id: string) {
    const record = await deps.conversations.get(id);
    if (!record) throw notFound(`conversation ${id} is unknown`);
    return record;
  }

  app.post('/api/agents/takeover', async (c) => {
    const body = await readJsonBody(c, takeoverSchema);
    return c.json(answer(await actions.take(body.conversationId, body.agent, body.note)));
  });

  app.post('/api/agents/handoff', async (c) => {
    const body = await readJsonBody(c, handoffSchema);
    const result = await actions.handBack(body.conversationId, { ...body.known, agent: body.agent }, body.ref ? { ref: body.ref } : {});
    if (!result.ok && result.code === 'unknown') {
      throw notFound(`conversation ${body.conversationId} is unknown: to start it, send "ref" with its channel and conversationId`);
    }
    return c.json(answer(result));
  });

  app.post('/api/agents/conversations/:id/messages', async (c) => {
    const body = await readJsonBody(c, agentMessageSchema);
    return c.json(answer(await actions.reply(c.req.param('id'), body.agent, body.text, { takeIfFree: false })));
  });

  app.post('/api/agents/conversations/:id/close', async (c) => {
    // Closing needs nothing more than the case, so an empty body is fine.
    const text = await c.req.text();
    const body = validateBody(text.trim() === '' ? {} : parseJsonText(text), closeSchema);
    return c.json(answer(await actions.close(c.req.param('id'), body.agent, body.note)));
  });

  app.get('/api/agents/conversations/:id', async (c) => {
    const record = await known(c.req.param('id'));
    const { transcript: unstored, transcriptLines, ...state } = record.state;
    const transcript = await deps.conversations.transcript(record.id);
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
