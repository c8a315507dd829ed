/**
 * Throughput over HTTP: full Direct Line turns (post an activity; the response comes once the turn and the
 * bot's replies are stored in SQLite) against a bare JSON echo served by the same process and against the peer
 * (botbuilder's own server), each round running all three one after the other.
 */
import autocannon from 'autocannon';
import { SCRIPTS } from './scripts.js';
import { BENCH_SECRET } from './secret.js';
import { type BenchServer, startBenchServer, startPeerServer } from './server-process.js';
import { idlePercent, machineTicks } from './cpu-share.js';
import { round } from './stats.js';

/** One autocannon run, reduced to the figures the table shows. */
export interface LoadFigures {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

/** The three runs, the ratio the target is about, and how the turn compares with the peer. */
export interface HttpFigures {
  connections: number;
  turn: LoadFigures;
  /** CPU time (user + system, all the server's threads) per turn during the turn run: steadier than the rate. */
  serverCpuUsPerTurn: number;
  /**
   * The same for the server's main thread alone (the event loop, where the turns run), and how much of the
   * machine's CPU stayed idle meanwhile; unknown off Linux. With the main thread near one core and the machine
   * partly idle, the main thread is the bound.
   */
  mainThreadUsPerTurn?: number;
  idlePercent?: number;
  echo: LoadFigures;
  ratio: number;
  /** The ratio in each measured round, in the order they ran. */
  rounds: number[];
  /** botbuilder's CloudAdapter echo bot (expectReplies) under the same load generator (peer-server.ts), in its median round. */
  peer: LoadFigures;
  peerRatio: number;
  turnPerPeer: number;
  /** Turn / peer in each measured round, in the order they ran. */
  peerRounds: number[];
}

/** As the target names it: 32 connections at once. */
const CONNECTIONS = 32;

/**
 * autocannon ends a run with `amount` only at its next sample, and samples once a second by default: 20,000
 * echoes in 1.02 s were counted as 2.01 s. Sampling every 10 ms keeps the rate within 1% of the truth.
 */
const SAMPLE_MS = 10;

/** Requests for the echo: a second or two at its rate. The peer gets as many as the turns: about as long a run. */
const ECHO_REQUESTS = 40_000;

/** Requests that warm the peer up before the measured rounds (it warms within its first few hundred). */
const PEER_WARM_UP = 2_000;

interface ServerCpu {
  all: number;
  main: number | null;
}

async function serverCpuMicros(usageUrl: string): Promise<ServerCpu> {
  const usage = (await (await fetch(usageUrl)).json()) as { cpuMicros: { user: number; system: number }; mainThreadCpuMicros: number | null };
  return { all: usage.cpuMicros.user + usage.cpuMicros.system, main: usage.mainThreadCpuMicros };
}

function figures(result: autocannon.Result): LoadFigures {
  return {
    requests: result.requests.total,
    perSecond: round(result.requests.total / result.duration, 0),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

interface Conversation {
  id: string;
  token: string;
  turn: number;
}

async function openConversation(base: string, index: number): Promise<Conversation> {
  const response = await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${BENCH_SECRET}` } });
  if (response.status !== 201) throw new Error(`could not open conversation ${index}: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { conversationId: string; token: string };
  return { id: body.conversationId, token: body.token, turn: 0 };
}

async function openConversations(url: string, count: number): Promise<Conversation[]> {
  const open: Conversation[] = [];
  for (let i = 0; i < count; i += 1) open.push(await openConversation(url, i));
  // Greetings are written after the create response; let them land so they do not overlap the measurement.
  await new Promise((resolve) => setTimeout(resolve, 500));
  return open;
}

/** Plays `turnsEach` turns of each open conversation, round robin, 32 at a time. */
function playTurns(url: string, open: Conversation[], turnsEach: number): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url,
    connections: CONNECTIONS,
    sampleInt: SAMPLE_MS,
    amount: open.length * turnsEach,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const c = open[next % open.length]!;
          const script = SCRIPTS[next % SCRIPTS.length]!;
          next += 1;
          const text = script[c.turn % script.length]!;
          c.turn += 1;
          return {
            ...request,
            path: `/v3/directline/conversations/${c.id}/activities`,
            headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ type: 'message', from: { id: 'bench-user' }, text }),
          };
        },
      },
    ],
  });
}

/** How many times the measured run's turns are played first, unmeasured, each time on other conversations. */
const WARM_UP_ROUNDS = 5;

/**
 * Measured rounds, each a turn run, an echo run and a peer run; the round with the median ratio is reported. Five,
 * not three: one run's three rounds (2026-12-06 04:10) read 0.082, 0.125 and 0.076 minutes apart on one server.
 */
const MEASURED_ROUNDS = 5;

interface Round {
  turn: LoadFigures;
  serverCpuUsPerTurn: number;
  mainThreadUsPerTurn?: number;
  idlePercent?: number;
  echo: LoadFigures;
  ratio: number;
  peer: LoadFigures;
}

function playEcho(server: BenchServer, amount: number): Promise<autocannon.Result> {
  return autocannon({
    url: server.echoUrl,
    connections: CONNECTIONS,
    sampleInt: SAMPLE_MS,
    amount,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', from: { id: 'bench-user' }, text: 'My emails to Gmail keep coming back with 421' }),
  });
}

/**
 * One measured round on fresh conversations (so it plays the scripts' turns 1-8, not turns past their end), then
 * the echo, then the peer: all three at about the same moment of the machine.
 */
async function measureRound(server: BenchServer, peerUrl: string, conversations: number, turnsEach: number): Promise<Round> {
  const measured = await openConversations(server.url, conversations);
  const [cpuBefore, machineBefore] = [await serverCpuMicros(server.usageUrl), machineTicks()];
  const turn = figures(await playTurns(server.url, measured, turnsEach));
  const [cpuAfter, machineAfter] = [await serverCpuMicros(server.usageUrl), machineTicks()];
  const perTurn = (micros: number) => round(micros / turn.requests, 0);
  const idle = idlePercent(machineBefore, machineAfter);
  const echo = figures(await playEcho(server, Math.max(conversations * turnsEach, ECHO_REQUESTS)));
  const peer = figures(await playPeer(peerUrl, conversations * turnsEach));
  return {
    turn,
    serverCpuUsPerTurn: perTurn(cpuAfter.all - cpuBefore.all),
    ...(cpuBefore.main !== null && cpuAfter.main !== null ? { mainThreadUsPerTurn: perTurn(cpuAfter.main - cpuBefore.main) } : {}),
    ...(idle !== undefined ? { idlePercent: idle } : {}),
    echo,
    ratio: round(turn.perSecond / echo.perSecond, 3),
    peer,
  };
}

/**
 * Runs `conversations` × `turnsEach` turns, round robin over the conversations, then the echo, then the peer.
 * The same turns are played WARM_UP_ROUNDS times first on other conversations, unmeasured: a fresh server's CPU per
 * turn falls round after round until about the fifth (3,200-turn rounds; three runs on 2026-12-05 read 367, 326,
 * 326 µs, then 418, 374, 395, 362, 333, 361 µs, then 511, 440, 446, 460 µs for rounds four onwards), while the echo
 * and the peer warm up within their first few hundred requests. This VM's speed drifts by a quarter within
 * minutes, so each measured round runs its echo and its peer right after its turns (with the peer measured once at
 * the end, turn / peer read 1.17 and 0.62 in two runs half an hour apart), and of MEASURED_ROUNDS rounds the one
 * with the median turn / echo ratio is reported, and the peer of the round with the median turn / peer ratio.
 */
export async function measureHttp(conversations: number, turnsEach: number): Promise<HttpFigures> {
  const server = await startBenchServer();
  const peer = await startPeerServer().catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  try {
    for (let r = 0; r < WARM_UP_ROUNDS; r += 1) {
      await playTurns(server.url, await openConversations(server.url, conversations), turnsEach);
    }
    await playPeer(peer.url, PEER_WARM_UP);
    const rounds: Round[] = [];
    for (let r = 0; r < MEASURED_ROUNDS; r += 1) rounds.push(await measureRound(server, peer.url, conversations, turnsEach));
    const turnPerPeer = (r: Round) => round(r.turn.perSecond / r.peer.perSecond, 2);
    const median = medianBy(rounds, (r) => r.ratio);
    const { turn: t, echo: e } = median;
    // The peer's line is its own median round: the round that decides one ratio need not be the middle of the other.
    const atPeer = medianBy(rounds, turnPerPeer);
    return {
      connections: CONNECTIONS, turn: t, serverCpuUsPerTurn: median.serverCpuUsPerTurn, echo: e, ratio: median.ratio,
      ...(median.mainThreadUsPerTurn !== undefined ? { mainThreadUsPerTurn: median.mainThreadUsPerTurn } : {}),
      ...(median.idlePercent !== undefined ? { idlePercent: median.idlePercent } : {}),
      rounds: rounds.map((r) => r.ratio),
      peer: atPeer.peer, peerRatio: round(atPeer.peer.perSecond / atPeer.echo.perSecond, 3), turnPerPeer: turnPerPeer(atPeer),
      peerRounds: rounds.map(turnPerPeer),
    };
  } finally {
    await Promise.all([server.stop(), peer.stop()]);
  }
}

/** The round whose `key` is the median of the rounds' (an odd number of them). */
function medianBy(rounds: Round[], key: (r: Round) => number): Round {
  return [...rounds].sort((a, b) => key(a) - key(b))[Math.floor(rounds.length / 2)]!;
}

/** The peer's echo bot under the same load: a Direct Line-shaped message activity asking for its replies in the response. */
function playPeer(url: string, amount: number): Promise<autocannon.Result> {
  const activity = {
    type: 'message', deliveryMode: 'expectReplies', channelId: 'directline', serviceUrl: 'http://127.0.0.1:9',
    conversation: { id: 'bench' }, from: { id: 'bench-user' }, recipient: { id: 'bot' }, id: 'a1',
    text: 'My emails to Gmail keep coming back with 421',
  };
  return autocannon({
    url: `${url}/api/messages`, connections: CONNECTIONS, sampleInt: SAMPLE_MS, amount, method: 'POST',
    headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity),
  });
}
