/**
 * `POST /api/messages`: verify (Bot Framework JWT) -> parse -> dedupe -> acknowledge, then the turn runs in
 * the background and replies go back through the Bot Connector.
 */
import { Hono } from 'hono';
import type { AppDeps } from '../../http/deps.js';
import { badRequest, HttpError, unauthorized } from '../../http/errors.js';
import { limitBody } from '../../http/body-limit.js';
import { ActivityError, parseTeamsActivity } from './activity.js';
import { verifyTeamsToken } from './auth.js';
import { agentAllowList } from '../agents/allow-list.js';
import { credentialSource } from './connector.js';
import { createTeamsDeskInbound } from './desk-inbound.js';
import { handleTeamsActivity } from './handle.js';
import { teamsSettings } from './settings.js';

/** Teams messages are capped far below this; anything larger is not a Teams activity. */
const MAX_BODY_BYTES = 256 * 1024;

/** The Teams routes; unconfigured, it says so at start-up and answers 503 naming the missing settings. */
export function teamsRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const settings = teamsSettings(deps.config);
  if (!settings.enabled) {
    deps.log.warn(settings.message);
    app.post('/api/messages', (c) => c.json({ error: { code: 'ChannelDisabled', message: settings.message } }, 503));
    return app;
  }
  const credentials = credentialSource(settings, deps.teamsCredentials);
  const deskChannel = deps.config.TEAMS_AGENTS_CHANNEL;
  const desk = deskChannel ? createTeamsDeskInbound({ ...deps, channel: deskChannel, allowed: agentAllowList(deps.config) }) : undefined;

  const limit = limitBody(MAX_BODY_BYTES);
  app.post('/api/messages', limit, async (c) => {
    const header = c.req.header('authorization');
    if (!header) throw unauthorized('missing Authorization header: Bot Framework sends "Bearer <token>"');
    const body: unknown = await c.req.json().catch(() => {
      throw badRequest('body must be a JSON Bot Framework activity');
    });
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('body must be a JSON object (one activity)');

    const auth = await verifyTeamsToken(header, body, settings);
    if (!auth.ok) {
      deps.log.warn('teams request refused', { reason: auth.message });
      if (auth.reason === 'unavailable') throw new HttpError(503, 'ServiceUnavailable', auth.message);
      throw unauthorized(auth.message);
    }

    let parsed;
    try {
      parsed = parseTeamsActivity(body);
    } catch (error) {
      if (error instanceof ActivityError) throw badRequest(error.message);
      throw error;
    }
    // The agents' channel is no customer's conversation. An agent's action or reply there is done before the
    // answer (an invoke's answer is the redrawn card), and a repeated activity finds its key already applied.
    if (desk?.owns(parsed)) {
      const answer = await desk.handle(parsed);
      return answer ? c.json(answer) : c.body(null, 200);
    }
    const claimed = await deps.store.claimOnce(`msteams:activity:${parsed.ref.conversationId}:${parsed.activity.id}`, deps.now());
    if (claimed && parsed.event.kind !== 'ignored') {
      const handled = credentials().then((signer) => handleTeamsActivity(parsed, { ...deps, credentials: signer }));
      const work = handled.catch((error: unknown) => {
        deps.log.error('teams delivery failed', { conversation: parsed.conversationKey, error: String(error) });
      });
      deps.background(work);
    }
    return c.body(null, 200);
  });
  return app;
}
