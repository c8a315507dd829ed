/** A Direct Line stream client over `ws`, recording what arrives, for tests against real servers. */
import WebSocket from 'ws';

/** One activity as the stream carries it (the fields the tests read). */
export interface StreamedActivity {
  id: string;
  type: string;
  text?: string;
  from: { role?: string };
}

/** An open stream and everything it has received. */
export interface Stream {
  sets: { activities: StreamedActivity[]; watermark: string }[];
  keepAlives: number;
  /** Ids of every activity received, in order, repeats included. */
  ids(): string[];
  /** Resolves when the server closes the socket. */
  closed: Promise<{ code: number; reason: string }>;
  /** Waits until `done(ids)` holds. */
  until(done: (ids: string[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Sends an empty message, as Web Chat does every 20 s. */
  ping(): void;
  close(): void;
}

/** Opens `streamUrl`; rejects with the HTTP status when the server refuses the upgrade. */
export function openStream(streamUrl: string): Promise<Stream> {
  const socket = new WebSocket(streamUrl);
  const sets: Stream['sets'] = [];
  let keepAlives = 0;
  const ids = () => sets.flatMap((set) => set.activities.map((a) => a.id));
  socket.on('message', (data) => {
    const text = data.toString();
    if (text === '') keepAlives += 1;
    else sets.push(JSON.parse(text) as Stream['sets'][number]);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_request, response) => {
      reject(new RefusedUpgrade(response.statusCode ?? 0));
      socket.terminate();
    });
    socket.once('error', reject);
    socket.once('open', () =>
      resolve({
        sets,
        get keepAlives() {
          return keepAlives;
        },
        ids,
        closed,
        async until(done, timeoutMs = 15_000) {
          const deadline = Date.now() + timeoutMs;
          while (!done(ids())) {
            if (Date.now() > deadline) throw new Error(`stream never got there; it has ${JSON.stringify(ids())}`);
            await new Promise((r) => setTimeout(r, 25));
          }
        },
        ping: () => socket.send(''),
        close: () => socket.close(),
      }),
    );
  });
}

/** The server answered the upgrade request with an HTTP status instead of a socket. */
export class RefusedUpgrade extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused with HTTP ${status}`);
  }
}

/** The status a refused upgrade got, or a failure when a socket opened. */
export async function refusal(streamUrl: string): Promise<number> {
  try {
    const stream = await openStream(streamUrl);
    stream.close();
  } catch (error) {
    if (error instanceof RefusedUpgrade) return error.status;
    throw error;
  }
  throw new Error(`a socket opened for ${streamUrl}`);
}
