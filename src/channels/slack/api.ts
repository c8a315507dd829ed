/** The Slack Web API methods the bot uses, over plain fetch so it runs the same on Node and Workers. */

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
  /** A message only `user` sees, in the channel (and thread) given. */
  postEphemeral(message: SlackMessage & { user: string }): Promise<void>;
  /** The user ids of a channel's members (`conversations.members`, every page). */
  members(channel: string): Promise<string[]>;
  /** The name Slack shows for a user: display name, else real name, else user name. */
  userName(user: string): Promise<string>;
  /** A link to a message. */
  permalink(channel: string, ts: string): Promise<string>;
}

/** Pages of `conversations.members` read at most; 20 x 200 members is far beyond an agents' channel. */
const MAX_MEMBER_PAGES = 20;

/** A client for `apiUrl` (ending in `/`) authorised with the bot token. */
export function createSlackApi(apiUrl: string, botToken: string): SlackApi {
  // Write methods take JSON; read methods (users.info, conversations.members, chat.getPermalink) only form fields.
  const send = (method: string, body: object | URLSearchParams) =>
    fetch(new URL(method, apiUrl), {
      method: 'POST',
      headers: {
        'content-type': body instanceof URLSearchParams ? 'application/x-www-form-urlencoded' : 'application/json; charset=utf-8',
        authorization: `Bearer ${botToken}`,
      },
      body: body instanceof URLSearchParams ? body.toString() : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  async function call(method: string, body: object | URLSearchParams): Promise<Record<string, unknown>> {
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
    postEphemeral: async (message) => {
      await call('chat.postEphemeral', message);
    },
    async members(channel) {
      const ids: string[] = [];
      let cursor = '';
      for (let page = 0; page < MAX_MEMBER_PAGES; page += 1) {
        const data = await call('conversations.members', new URLSearchParams({ channel, limit: '200', ...(cursor ? { cursor } : {}) }));
        if (Array.isArray(data.members)) ids.push(...data.members.filter((m): m is string => typeof m === 'string'));
        cursor = String((data.response_metadata as { next_cursor?: string } | undefined)?.next_cursor ?? '');
        if (!cursor) break;
      }
      return ids;
    },
    async userName(user) {
      const data = await call('users.info', new URLSearchParams({ user }));
      const found = data.user as { name?: string; real_name?: string; profile?: { display_name?: string; real_name?: string } } | undefined;
      return found?.profile?.display_name || found?.profile?.real_name || found?.real_name || found?.name || user;
    },
    async permalink(channel, ts) {
      const data = await call('chat.getPermalink', new URLSearchParams({ channel, message_ts: ts }));
      if (typeof data.permalink !== 'string') throw new SlackApiError('chat.getPermalink', 'no permalink');
      return data.permalink;
    },
  };
}
