/**
 * How an escalated case is delivered, and the signed helpdesk webhook. (The agents' desks in Slack and Teams
 * live with their channels; Teams' own handoff event in teams-target.ts.) Each target throws when the delivery
 * did not take, so the outbox retries it later.
 */
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
