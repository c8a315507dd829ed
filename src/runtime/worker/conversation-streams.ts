/**
 * The Direct Line streams of one conversation, held by its Durable Object with the WebSocket hibernation API:
 * the runtime keeps idle sockets open while the object sleeps, and each socket's state (its token's expiry and
 * how much of the log it has been sent) lives in its attachment, so it survives hibernation. A commit in the
 * object pushes to every socket at once; Web Chat's empty pings are answered by the runtime without waking it.
 */
import type {
  DurableObjectState,
  WebSocket as WorkerSocket,
  WebSocketPair as WebSocketPairClass,
  WebSocketRequestResponsePair as ResponsePairClass,
} from '@cloudflare/workers-types';
import { CLOSE, deliveryFor, streamMessage, type ActivitySet } from '../../channels/directline/stream-protocol.js';

// Workers globals, typed from workers-types without loading its globals (they clash with the DOM and Node types).
const { WebSocketPair, WebSocketRequestResponsePair } = globalThis as unknown as {
  WebSocketPair: typeof WebSocketPairClass;
  WebSocketRequestResponsePair: typeof ResponsePairClass;
};

/** What each socket remembers across hibernation. */
interface Attachment {
  /** When its token expires, epoch ms. */
  expiresAt: number;
  /** How much of the log it has been sent (a watermark). */
  sent: number;
}

/** `readyState` of an open socket. */
const OPEN = 1;

/** Close codes a peer may send but no endpoint may send back. */
const RESERVED_CLOSE_CODES = new Set([1005, 1006, 1015]);

/** The open streams of the conversation whose object this is. */
export class ConversationStreams {
  constructor(
    private readonly ctx: DurableObjectState,
    /** The log after a watermark (the object's own ledger: synchronous, so nothing lands between read and send). */
    private readonly read: (after: number) => ActivitySet,
  ) {
    // Web Chat sends an empty message every 20 s to notice dead connections; the runtime answers it in kind while
    // the object sleeps, and that answer is the stream's keep-alive.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('', ''));
  }

  /** Accepts a stream that has seen the log up to `after`, sends what it missed, and returns the 101 response. */
  open(after: number, expiresAt: number): Response {
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server);
    const attachment: Attachment = { expiresAt, sent: after };
    server.serializeAttachment(attachment);
    const missed = this.read(after);
    if (missed.watermark > after) this.send(server, attachment, missed);
    // `webSocket` is a Workers extension of ResponseInit, unknown to the DOM types this project compiles with.
    return new Response(null, { status: 101, webSocket: client } as ResponseInit);
  }

  /** Pushes a committed set to every open socket (each gets the part it has not been sent). */
  push(set: ActivitySet): void {
    for (const socket of this.ctx.getWebSockets()) {
      // A socket that is closing is still listed until the close completes; it reconnects and resumes anyway.
      if (socket.readyState !== OPEN) continue;
      const attachment = socket.deserializeAttachment() as Attachment;
      const delivery = deliveryFor(attachment.sent, set);
      if (delivery.kind === 'send') this.send(socket, attachment, delivery.set);
      else if (delivery.kind === 'gap') this.send(socket, attachment, this.read(attachment.sent));
    }
  }

  /** Closes every socket whose token has expired by `now`; returns when the next one expires, if any is open. */
  closeExpired(now: number): number | undefined {
    let next: number | undefined;
    for (const socket of this.ctx.getWebSockets()) {
      const { expiresAt } = socket.deserializeAttachment() as Attachment;
      if (expiresAt <= now) socket.close(CLOSE.tokenExpired.code, CLOSE.tokenExpired.reason);
      else next = Math.min(next ?? expiresAt, expiresAt);
    }
    return next;
  }

  /** Closes every socket: the conversation was erased. */
  closeAll(): void {
    for (const socket of this.ctx.getWebSockets()) socket.close(CLOSE.erased.code, CLOSE.erased.reason);
  }

  /** Completes a close the client started (the hibernation API leaves the reply to the object). */
  closed(socket: WorkerSocket, code: number, reason: string): void {
    socket.close(RESERVED_CLOSE_CODES.has(code) ? 1000 : code, reason);
  }

  private send(socket: WorkerSocket, attachment: Attachment, set: ActivitySet): void {
    socket.send(streamMessage(set));
    socket.serializeAttachment({ ...attachment, sent: set.watermark });
  }
}
