/** The two Slack Web API methods the bot uses, over plain fetch so it runs the same on Node and Workers. */

/** Longest rate-limit pause honoured before the one retry; past it the call fails and is logged. */
const MAX_RETRY_AFTER_SECONDS = 5;

/** A Web API call failed: HTTP error or `ok: false`; `error` is Slack's code (e.g. `channel_not_found`). */
export class SlackApiError extends Error {
  readonly code = 'slack_api_error';
  constructor(
    readonly method: string,
    readonly error: string,
  ) {
    super(`Slack ${method} failed: ${error}`);
  }
}

/** The `chat.postMessage` / `chat.update` fields the bot sends. */
export interface SlackMessage {
  channel: string;
  text: string;
  thread_ts?: string;
  blocks?: unknown[];
}

/** The Web API calls the bot makes. */
export interface SlackApi {
  /** Posts a message; returns its `ts`. */
  postMessage(message: SlackMessage): Promise<string>;
  update(message: SlackMessage & { ts: string }): Promise<void>;
}

/** A client for `apiUrl` (ending in `/`) authorised with the bot token. */
export function createSlackApi(apiUrl: string, botToken: string): SlackApi {
  const send = (method: string, body: object) =>
    fetch(new URL(method, apiUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${botToken}` },
      body: JSON.stringify(body),
    });
  async function call(method: string, body: object): Promise<Record<string, unknown>> {
    let response = await send(method, body);
    if (response.status === 429) {
      // A burst of replies in one channel can hit the per-channel limit; Slack says how long to wait.
      const asked = Number(response.headers.get('retry-after') ?? 'NaN');
      const wait = Number.isFinite(asked) && asked >= 0 ? Math.min(asked, MAX_RETRY_AFTER_SECONDS) : 1;
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
      response = await send(method, body);
    }
    if (!response.ok) throw new SlackApiError(method, `HTTP ${response.status}`);
    const data = (await response.json()) as Record<string, unknown>;
    if (data.ok !== true) throw new SlackApiError(method, typeof data.error === 'string' ? data.error : 'unknown_error');
    return data;
  }
  return {
    postMessage: async (message) => String((await call('chat.postMessage', message)).ts ?? ''),
    update: async (message) => {
      await call('chat.update', message);
    },
  };
}
