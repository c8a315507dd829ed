/** The address of a conversation's WebSocket stream, as `POST /conversations` and the reconnect call return it. */

/** Query parameters of the stream address (the names Azure's Direct Line uses). */
export const STREAM_TOKEN_PARAM = 't';
export const STREAM_WATERMARK_PARAM = 'watermark';

/**
 * `ws(s)://host/v3/directline/conversations/{id}/stream?t=<token>[&watermark=N]`. The token rides in the query
 * because a browser cannot set headers on a WebSocket; the watermark makes the new socket resume after it.
 */
export function streamUrlOf(requestUrl: string, conversationId: string, token: string, watermark?: number): string {
  const url = new URL(requestUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `/v3/directline/conversations/${conversationId}/stream`;
  url.search = '';
  url.searchParams.set(STREAM_TOKEN_PARAM, token);
  if (watermark !== undefined && watermark > 0) url.searchParams.set(STREAM_WATERMARK_PARAM, String(watermark));
  return url.toString();
}
