/**
 * Where escalated cases go: a signed helpdesk webhook, a Slack agents' channel, and Teams' handoff event.
 * Each target throws when the delivery did not take, so the outbox retries it later.
 */
import type { Config } from '../config.js';
import type { ConversationRef } from '../store/types.js';
import type { CasePacket } from './case-packet.js';
import { signPayload } from './sign.js';

/** Delivers one case packet; `ref` is the conversation it came from. */
export type HandoffTarget = (packet: CasePacket, ref: ConversationRef) => Promise<void>;

/** A target answered, but not with success. */
export class TargetError extends Error {
  readonly code = 'handoff_target_failed';
}

/** Posts the packet as JSON with `x-softbounce-timestamp` and `x-softbounce-signature: v1=<hmac>`. */
export function webhookTarget(url: string, secret: string, now: () => number): HandoffTarget {
  return async (packet) => {
    const body = JSON.stringify(packet);
    const timestamp = Math.floor(now() / 1000);
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-softbounce-timestamp': String(timestamp),
        'x-softbounce-signature': await signPayload(secret, timestamp, body),
        'x-softbounce-case': packet.caseId,
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new TargetError(`webhook answered HTTP ${response.status}`);
  };
}

async function slackCall(apiUrl: string, token: string, method: string, body: object): Promise<Record<string, unknown>> {
  const response = await fetch(new URL(method, apiUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || data.ok !== true) throw new TargetError(`Slack ${method} failed: ${String(data.error ?? response.status)}`);
  return data;
}

/** Link an agent can open: the Slack thread itself, or the conversation in the agents API. */
async function caseLink(config: Config, token: string, packet: CasePacket, ref: ConversationRef): Promise<string> {
  if (ref.channel === 'slack' && ref.threadTs) {
    const found = await slackCall(config.SLACK_API_URL, token, 'chat.getPermalink', { channel: ref.conversationId, message_ts: ref.threadTs });
    if (typeof found.permalink === 'string') return found.permalink;
  }
  const base = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  return new URL(`/api/agents/conversations/${encodeURIComponent(packet.conversation.id)}`, base).toString();
}

/** Posts a summary with a link to the conversation into the agents' channel. */
export function slackAgentsTarget(config: Config, token: string, channel: string): HandoffTarget {
  return async (packet, ref) => {
    const link = await caseLink(config, token, packet, ref);
    const codes = [packet.codes.replyCode, packet.codes.enhancedStatus].filter(Boolean).join(' ') || 'no code given';
    const text = `Escalated (${packet.reason.replace('_', ' ')}) from ${packet.conversation.channel}: ${packet.summary}`;
    await slackCall(config.SLACK_API_URL, token, 'chat.postMessage', {
      channel,
      text,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `*Escalated case* (${packet.reason.replace('_', ' ')})\n${packet.summary}` } },
        {
          type: 'context',
          elements: [{ type: 'mrkdwn', text: `Codes: ${codes} · Variation: ${packet.variation ?? 'unknown'} · <${link}|Open the conversation>` }],
        },
      ],
    });
  };
}
