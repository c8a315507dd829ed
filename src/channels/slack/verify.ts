/**
 * Slack request signing (v0): HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the app's signing secret.
 * Web Crypto's `verify` compares in constant time and runs unchanged on Node and Workers.
 */

/** Slack's replay window: a request signed more than five minutes away from now is refused. */
export const MAX_SKEW_SECONDS = 300;

/** Valid, or why not (returned to the caller in the 401). */
export type SlackVerifyResult = { ok: true } | { ok: false; message: string };

const encoder = new TextEncoder();

/** Checks headers and signature of one request; `raw` must be the body bytes exactly as received. */
export async function verifySlackSignature(
  secret: string,
  timestamp: string | undefined,
  signature: string | undefined,
  raw: Uint8Array,
  nowMs: number,
): Promise<SlackVerifyResult> {
  if (!timestamp || !signature) return { ok: false, message: 'missing X-Slack-Request-Timestamp or X-Slack-Signature header' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, message: 'X-Slack-Request-Timestamp must be Unix seconds' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) {
    return { ok: false, message: `request timestamp is more than ${MAX_SKEW_SECONDS} seconds from now (replay or clock skew)` };
  }
  const hex = /^v0=([0-9a-f]{64})$/.exec(signature)?.[1];
  if (!hex) return { ok: false, message: 'X-Slack-Signature must be "v0=" followed by 64 hex digits' };

  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const prefix = encoder.encode(`v0:${timestamp}:`);
  const signed = new Uint8Array(prefix.length + raw.length);
  signed.set(prefix);
  signed.set(raw, prefix.length);
  const valid = await crypto.subtle.verify('HMAC', key, hexToBytes(hex), signed);
  return valid ? { ok: true } : { ok: false, message: 'signature does not match (wrong signing secret or altered body)' };
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}
