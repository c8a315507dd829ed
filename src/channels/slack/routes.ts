/**
 * `POST /slack/events` and `POST /slack/interactions`: verify the signature over the raw body -> parse ->
 * dedupe -> acknowledge at once; the turn and the Web API calls run after the response (Slack waits 3 s).
 */
import { Hono, type Context } from 'hono';
import type { AppDeps } from '../../http/deps.js';
import { badRequest, unauthorized } from '../../http/errors.js';
import { limitBody } from '../../http/body-limit.js';
import { agentAllowList } from '../agents/allow-list.js';
import { createSlackApi } from './api.js';
import { createSlackDeskInbound } from './desk-inbound.js';
import { parseSlackEvent, SlackPayloadError } from './events.js';
import { handleSlackChoice, handleSlackMessage, type SlackHandlerDeps } from './handle.js';
import { parseSlackInteraction } from './interactions.js';
import { slackSettings } from './settings.js';
import { verifySlackSignature } from './verify.js';

/** Slack's event and interaction payloads are a few kilobytes; this bounds what is read before the signature check. */
const MAX_BODY_BYTES = 256 * 1024;

/** The Slack routes; unconfigured, they say so at start-up and answer 503 naming the missing settings. */
export function slackRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const settings = slackSettings(deps.config);
  if (!settings.enabled) {
    deps.log.warn(settings.message);
    const disabled = (c: Context) => c.json({ error: { code: 'ChannelDisabled', message: settings.message } }, 503);
    app.post('/slack/events', disabled);
    app.post('/slack/interactions', disabled);
    return app;
  }
  const { signingSecret } = settings;
  const limit = limitBody(MAX_BODY_BYTES);
  const api = createSlackApi(settings.apiUrl, settings.botToken);
  const handlerDeps: SlackHandlerDeps = { ...deps, api };
  const deskChannel = deps.config.SLACK_AGENTS_CHANNEL;
  const desk = deskChannel
    ? createSlackDeskInbound({ ...deps, api, channel: deskChannel, allowed: agentAllowList(deps.config) })
    : undefined;

  async function verifiedBody(c: Context): Promise<string> {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    const timestamp = c.req.header('x-slack-request-timestamp');
    const result = await verifySlackSignature(signingSecret, timestamp, c.req.header('x-slack-signature'), raw, deps.now());
    if (!result.ok) {
      deps.log.warn('slack request refused', { reason: result.message });
      throw unauthorized(result.message);
    }
    return new TextDecoder().decode(raw);
  }

  function later(work: Promise<void>, what: string): void {
    deps.background(work.catch((error: unknown) => deps.log.error(`slack ${what} failed`, { error: String(error) })));
  }

  app.post('/slack/events', limit, async (c) => {
    const text = await verifiedBody(c);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw badRequest('body must be a JSON Events API payload');
    }
    const event = parsePayload(() => parseSlackEvent(body));
    if (event.kind === 'challenge') return c.json({ challenge: event.challenge });
    // The agents' channel is no customer's conversation. An agent's reply there is relayed before the
    // acknowledgement, so a 200 means it is stored; a retry finds its key already applied.
    if (event.kind === 'message' && desk && event.ref.conversationId === deskChannel) {
      await desk.onMessage(event);
      return c.body(null, 200);
    }
    // One key per Slack message absorbs retries and the app_mention + message double delivery alike.
    if (event.kind === 'message' && (await deps.store.claimOnce(event.dedupeKey, deps.now()))) {
      later(handleSlackMessage(event, handlerDeps), 'message');
    }
    return c.body(null, 200);
  });

  app.post('/slack/interactions', limit, async (c) => {
    const text = await verifiedBody(c);
    const payload = new URLSearchParams(text).get('payload') ?? undefined;
    const click = parsePayload(() => parseSlackInteraction(payload));
    if (click.kind === 'choice') later(handleSlackChoice(click, handlerDeps), 'choice');
    // A case action is done before the acknowledgement, like an agent's reply.
    if (click.kind === 'desk' && desk) await desk.onClick(click);
    if (click.kind === 'desk' && !desk) deps.log.warn('slack case action refused', { reason: 'SLACK_AGENTS_CHANNEL is not set', user: click.userId });
    return c.body(null, 200);
  });
  return app;
}

function parsePayload<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof SlackPayloadError) throw badRequest(error.message);
    throw error;
  }
}
