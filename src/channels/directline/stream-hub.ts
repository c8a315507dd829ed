/**
 * The open Direct Line streams of one Node process. Each socket first gets what it missed since its watermark,
 * read from the log, then every activity set as it is committed; a set that arrives while it catches up, or
 * after a gap, is checked against what the socket has been sent, so nothing is lost or sent twice. Sockets get
 * an empty keep-alive message regularly, and close when their token expires or the conversation is erased.
 */
import type { Logger } from '../../log.js';
import { CLOSE, deliveryFor, KEEP_ALIVE, streamMessage, type ActivitySet } from './stream-protocol.js';

/** A socket as the hub uses it (hono's `WSContext` is one). */
export interface StreamSocket {
  send(text: string): void;
  close(code?: number, reason?: string): void;
}

/** What the hub reads and how often it says it is alive. */
export interface StreamHubOptions {
  /** The log after `after` (the store's `getActivities`). */
  read(conversationId: string, after: number): Promise<ActivitySet>;
  now(): number;
  keepAliveMs: number;
  log: Logger;
}

/** The streams of this process. */
export interface StreamHub {
  /** Adds a socket that has seen the log up to `after`; returns the function that removes it (on close). */
  open(conversationId: string, socket: StreamSocket, options: { after: number; expiresAt: number }): () => void;
  /** Pushes a committed set to the conversation's sockets. */
  publish(conversationId: string, set: ActivitySet): void;
  /** Closes every socket of a conversation (it was erased). */
  closeConversation(conversationId: string): void;
  /** How many sockets are open. */
  size(): number;
  /** Closes every socket and stops the keep-alive timer. */
  stop(): void;
}

interface Stream {
  socket: StreamSocket;
  sent: number;
  /** Sends happen one after another, so a catch-up read and a push never overtake each other. */
  queue: Promise<void>;
  expiry: ReturnType<typeof setTimeout>;
}

/** Builds the hub; the keep-alive timer does not keep the process alive by itself. */
export function createStreamHub(options: StreamHubOptions): StreamHub {
  const byConversation = new Map<string, Set<Stream>>();

  function send(stream: Stream, set: ActivitySet): void {
    stream.socket.send(streamMessage(set));
    stream.sent = set.watermark;
  }

  async function catchUp(conversationId: string, stream: Stream): Promise<void> {
    const missed = await options.read(conversationId, stream.sent);
    if (missed.watermark > stream.sent) send(stream, missed);
  }

  function enqueue(conversationId: string, stream: Stream, work: () => Promise<void> | void): void {
    stream.queue = stream.queue.then(work).catch((error: unknown) => {
      // A socket that cannot be written to is closed; the client reconnects and resumes from its watermark.
      options.log.warn('directline stream failed; closing it', { conversationId, error: String(error) });
      remove(conversationId, stream);
      stream.socket.close(CLOSE.failed.code, CLOSE.failed.reason);
    });
  }

  function remove(conversationId: string, stream: Stream): void {
    clearTimeout(stream.expiry);
    const streams = byConversation.get(conversationId);
    streams?.delete(stream);
    if (streams?.size === 0) byConversation.delete(conversationId);
  }

  function closeAll(conversationId: string, why: { code: number; reason: string }): void {
    for (const stream of byConversation.get(conversationId) ?? []) {
      remove(conversationId, stream);
      stream.socket.close(why.code, why.reason);
    }
  }

  const keepAlive = setInterval(() => {
    for (const streams of byConversation.values()) for (const stream of streams) stream.socket.send(KEEP_ALIVE);
  }, options.keepAliveMs);
  keepAlive.unref();

  return {
    open(conversationId, socket, { after, expiresAt }) {
      const expiry = setTimeout(() => {
        remove(conversationId, stream);
        socket.close(CLOSE.tokenExpired.code, CLOSE.tokenExpired.reason);
      }, Math.max(0, expiresAt - options.now()));
      expiry.unref();
      const stream: Stream = { socket, sent: after, queue: Promise.resolve(), expiry };
      // Registered before the log is read: a commit landing during the read is pushed after it, and skipped if read.
      const streams = byConversation.get(conversationId) ?? new Set<Stream>();
      byConversation.set(conversationId, streams.add(stream));
      enqueue(conversationId, stream, () => catchUp(conversationId, stream));
      return () => remove(conversationId, stream);
    },

    publish(conversationId, set) {
      for (const stream of byConversation.get(conversationId) ?? []) {
        enqueue(conversationId, stream, () => {
          const delivery = deliveryFor(stream.sent, set);
          if (delivery.kind === 'send') send(stream, delivery.set);
          else if (delivery.kind === 'gap') return catchUp(conversationId, stream);
        });
      }
    },

    closeConversation: (conversationId) => closeAll(conversationId, CLOSE.erased),

    size: () => [...byConversation.values()].reduce((sum, streams) => sum + streams.size, 0),

    stop() {
      clearInterval(keepAlive);
      for (const conversationId of [...byConversation.keys()]) closeAll(conversationId, CLOSE.shutdown);
    },
  };
}
