/**
 * What idle Direct Line streams cost the Node server: N sockets, one per conversation as N visitors would hold
 * them, open on the real server process; its RSS before and after, and its CPU time over an idle window with and
 * without them (keep-alives every DIRECT_LINE_KEEPALIVE_SECONDS, and the client's empty ping every 20 s, as Web
 * Chat sends it).
 */
import WebSocket from 'ws';
import { BENCH_SECRET } from './secret.js';
import { startBenchServer } from './server-process.js';
import { mb, round } from './stats.js';

/** The figures of one run. */
export interface IdleSocketFigures {
  sockets: number;
  idleSeconds: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  rssPerSocketKb: number;
  /** Server CPU over the idle window, in % of one core, without and with the sockets. */
  cpuIdlePercent: number;
  cpuWithSocketsPercent: number;
  keepAlivesReceived: number;
}

/** Web Chat's ping interval. */
const CLIENT_PING_MS = 20_000;
const OPENING_AT_ONCE = 50;

interface Usage {
  rss: number;
  cpuMicros: { user: number; system: number };
}

async function cpuPercentOver(usageUrl: string, ms: number): Promise<number> {
  const before = (await (await fetch(usageUrl)).json()) as Usage;
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = (await (await fetch(usageUrl)).json()) as Usage;
  const used = after.cpuMicros.user + after.cpuMicros.system - before.cpuMicros.user - before.cpuMicros.system;
  return round((used / (ms * 1000)) * 100, 2);
}

async function openSocket(baseUrl: string, onKeepAlive: () => void): Promise<WebSocket> {
  const response = await fetch(`${baseUrl}/v3/directline/tokens/generate`, { method: 'POST', headers: { authorization: `Bearer ${BENCH_SECRET}` } });
  const { conversationId, token } = (await response.json()) as { conversationId: string; token: string };
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/v3/directline/conversations/${conversationId}/stream?t=${token}`);
  socket.on('message', (data) => data.toString() === '' && onKeepAlive());
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return socket;
}

/** Opens `count` sockets on a fresh server and measures it over `idleMs`. */
export async function measureIdleSockets(count: number, idleMs: number): Promise<IdleSocketFigures> {
  const server = await startBenchServer({ DIRECT_LINE_KEEPALIVE_SECONDS: '15' });
  const sockets: WebSocket[] = [];
  let keepAlives = 0;
  try {
    // Warm the routes up, then settle, so the baseline is the idle server and not its start-up.
    await openSocket(server.url, () => undefined).then((s) => s.close());
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const cpuIdlePercent = await cpuPercentOver(server.usageUrl, idleMs);
    const before = (await (await fetch(server.usageUrl)).json()) as Usage;
    for (let opened = 0; opened < count; opened += OPENING_AT_ONCE) {
      const batch = Math.min(OPENING_AT_ONCE, count - opened);
      sockets.push(...(await Promise.all(Array.from({ length: batch }, () => openSocket(server.url, () => (keepAlives += 1))))));
    }
    const pings = setInterval(() => sockets.forEach((socket) => socket.send('')), CLIENT_PING_MS);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    keepAlives = 0;
    const cpuWithSocketsPercent = await cpuPercentOver(server.usageUrl, idleMs);
    clearInterval(pings);
    const after = (await (await fetch(server.usageUrl)).json()) as Usage;
    return {
      sockets: count,
      idleSeconds: idleMs / 1000,
      rssBeforeMb: mb(before.rss),
      rssAfterMb: mb(after.rss),
      rssPerSocketKb: round((after.rss - before.rss) / count / 1024, 1),
      cpuIdlePercent,
      cpuWithSocketsPercent,
      keepAlivesReceived: keepAlives,
    };
  } finally {
    for (const socket of sockets) socket.terminate();
    await server.stop();
  }
}
