/** A small Direct Line 3.0 client over fetch, as a site's Web Chat would use it (polling, no websocket). */

/** An activity as the server's log returns it (the fields the scenario reads). */
export interface LoggedActivity {
  id: string;
  type: string;
  text?: string;
  replyToId?: string;
  inputHint?: string;
  from: { id?: string; role?: string };
  suggestedActions?: { actions: { title: string; value: string }[] };
  channelData?: { softbounce?: { flowId: string; stepId?: string; stepNumber?: number; stepCount: number; status: string } };
}

/** What `POST /conversations` answers. */
export interface StartedConversation {
  conversationId: string;
  token: string;
  expires_in: number;
  streamUrl: string;
}

/** One answer: status and parsed JSON body. */
export interface Answer<T> {
  status: number;
  body: T;
}

/** Talks to one server's Direct Line API with its secret (to start) and each conversation's token. */
export class DirectLineClient {
  constructor(
    readonly baseUrl: string,
    private readonly secret: string,
  ) {}

  private async call<T>(path: string, credential: string, init: RequestInit = {}): Promise<Answer<T>> {
    const response = await fetch(`${this.baseUrl}/v3/directline${path}`, {
      ...init,
      headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json', ...init.headers },
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  /** Starts a conversation with the secret, as a site's backend would. */
  start(): Promise<Answer<StartedConversation>> {
    return this.call('/conversations', this.secret, { method: 'POST' });
  }

  /** Posts a raw body (to check refusals) with `credential`. */
  postRaw(conversationId: string, credential: string, body: string): Promise<Answer<{ id?: string; error?: { code: string; message: string } }>> {
    return this.call(`/conversations/${conversationId}/activities`, credential, { method: 'POST', body });
  }

  /** Posts a user message; resolves with the server's id for it. */
  async say(conversation: StartedConversation, text: string): Promise<string> {
    const answer = await this.postRaw(conversation.conversationId, conversation.token, JSON.stringify({ type: 'message', from: { id: 'e2e-user' }, text }));
    if (answer.status !== 200 || !answer.body.id) throw new Error(`posting "${text}" answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body.id;
  }

  /** One poll, as Web Chat does it (the first one is literally `?watermark=`). */
  activities(conversation: StartedConversation, watermark = ''): Promise<Answer<{ activities: LoggedActivity[]; watermark: string }>> {
    return this.call(`/conversations/${conversation.conversationId}/activities?watermark=${watermark}`, conversation.token);
  }

  /** Polls from the start until `done(log)` holds; returns the whole log. */
  async pollUntil(conversation: StartedConversation, done: (log: LoggedActivity[]) => boolean, timeoutMs = 15_000): Promise<LoggedActivity[]> {
    const deadline = Date.now() + timeoutMs;
    const log: LoggedActivity[] = [];
    let watermark = '';
    for (;;) {
      const answer = await this.activities(conversation, watermark);
      if (answer.status !== 200) throw new Error(`polling answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      log.push(...answer.body.activities);
      watermark = answer.body.watermark;
      if (done(log)) return log;
      if (Date.now() > deadline) throw new Error(`gave up polling; the log so far:\n${JSON.stringify(log, null, 1)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
