/**
 * `npm run bench`: prints the performance figures beside their targets and writes them to
 * bench/results/latest.json. A benchmark, not a test: it fails only when a measurement cannot be taken.
 * `--quick` runs every part with smaller counts (for a smoke run; the README figures come from a full run).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { bundleForNode } from '../scripts/build-server.js';
import { measureBreakdown } from './breakdown.js';
import { measureColdStart } from './cold-start.js';
import { measureHttp } from './http.js';
import { measureIdleSockets } from './idle-sockets.js';
import { measurePushLatency } from './push-latency.js';
import { mb, round } from './stats.js';
import { measureEngine } from './turn-latency.js';
import { measureTurnWrite } from './turn-write.js';
import { measureWorkerBundle } from './worker-bundle.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const quick = process.argv.includes('--quick');
const size = {
  turns: quick ? 1_000 : 10_000,
  httpConversations: quick ? 50 : 400,
  httpTurnsEach: 8,
  coldRuns: quick ? 1 : 5,
  memoryConversations: quick ? 500 : 10_000,
  idleSockets: 1_000,
  idleSeconds: quick ? 10 : 30,
  pushTurns: quick ? 200 : 2_000,
  pushConversations: 20,
  writeConversations: quick ? 2 : 10,
};

interface MemoryFigures {
  conversations: number;
  turnsEach: number;
  seconds: number;
  before: { rss: number; heapUsed: number };
  after: { rss: number; heapUsed: number };
}

// Run as `npm start` runs the server: one esbuild bundle under plain Node. Under tsx the process also carries the
// loader's own thread and compiled sources, 40-70 MB of RSS the product does not have.
async function measureMemory(conversations: number): Promise<MemoryFigures> {
  const bundle = join(ROOT, 'dist/bench/memory.mjs');
  await bundleForNode(join(ROOT, 'bench/memory.ts'), bundle);
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', bundle, String(conversations)], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as MemoryFigures;
}

function step<T>(name: string, work: () => Promise<T> | T): Promise<T> {
  process.stderr.write(`bench: ${name}...\n`);
  return Promise.resolve(work());
}

const engine = await step(`runTurn over ${size.turns} scripted turns`, () => measureEngine(size.turns));
const http = await step(`HTTP, ${size.httpConversations} conversations x ${size.httpTurnsEach} turns, then the echo`, () =>
  measureHttp(size.httpConversations, size.httpTurnsEach),
);
const write = await step(`${size.writeConversations} conversations of 200 turns through the service on SQLite`, () =>
  measureTurnWrite(size.writeConversations),
);
const split = await step('where one Direct Line turn spends its time (in-process)', () => measureBreakdown(quick ? 20 : 100, 8));
const cold = await step(`cold start, ${size.coldRuns} runs each`, () => measureColdStart(size.coldRuns));
const bundle = await step('Workers bundle (wrangler deploy --dry-run)', () => measureWorkerBundle());
const memory = await step(`memory after ${size.memoryConversations} conversations`, () => measureMemory(size.memoryConversations));
const idle = await step(`${size.idleSockets} idle Direct Line streams, ${size.idleSeconds} s`, () =>
  measureIdleSockets(size.idleSockets, size.idleSeconds * 1000),
);
const push = await step(`commit to socket, ${size.pushTurns} turns, one conversation`, () => measurePushLatency(size.pushTurns, 1));
const pushBusy = await step(`commit to socket, ${size.pushTurns} turns over ${size.pushConversations} conversations at once`, () =>
  measurePushLatency(size.pushTurns, size.pushConversations),
);

const rows: [string, string, string, boolean | undefined][] = [
  ['runTurn p50 / p99 (in-process)', `${round(engine.turns.p50 * 1000, 0)} / ${round(engine.turns.p99 * 1000, 0)} us`, 'p50 <= 40 us', engine.turns.p50 <= 0.04],
  [`runTurn, median of each of the ${engine.perLine.count} script lines: p99`, `${round(engine.perLine.p99, 3)} ms`, 'p99 <= 1 ms', engine.perLine.p99 <= 1],
  ['intent matching p50 / p99 per message', `${round(engine.intent.p50, 1)} / ${round(engine.intent.p99, 1)} us`, '', undefined],
  [`HTTP Direct Line turn, ${http.connections} connections`, `${http.turn.perSecond} req/s, p50 ${http.turn.p50Ms} ms, p99 ${http.turn.p99Ms} ms`, 'p99 <= 25 ms', http.turn.p99Ms <= 25],
  ['  server CPU per HTTP turn (all its threads)', `${http.serverCpuUsPerTurn} us`, '', undefined],
  [
    '  of it on the main thread; machine CPU left idle meanwhile',
    `${http.mainThreadUsPerTurn ?? 'unknown'} us; ${http.idlePercent ?? 'unknown'}%`,
    '',
    undefined,
  ],
  ['HTTP bare Hono echo (same process)', `${http.echo.perSecond} req/s, p50 ${http.echo.p50Ms} ms, p99 ${http.echo.p99Ms} ms`, '', undefined],
  ['HTTP turn / echo throughput (median of the rounds)', `${http.ratio} (rounds: ${http.rounds.join(', ')})`, '>= 0.12', http.ratio >= 0.12],
  ['HTTP peer: botbuilder CloudAdapter echo bot, expectReplies (own process)', `${http.peer.perSecond} req/s, p50 ${http.peer.p50Ms} ms, p99 ${http.peer.p99Ms} ms`, '', undefined],
  ['  peer / echo throughput; softbounce turn / peer', `${http.peerRatio}; ${http.turnPerPeer} (rounds: ${http.peerRounds.join(', ')})`, 'turn / peer > 1', http.turnPerPeer > 1],
  ['one turn in-process through the service, SQLite commit included, p50 / p99', `${round(write.turnUs.p50, 0)} / ${round(write.turnUs.p99, 0)} us`, 'p50 <= 150 us', write.turnUs.p50 <= 150],
  [
    'bytes a turn writes, turn 5 / turn 200 of one conversation (state alone)',
    `${write.bytesAtTurn5} / ${write.bytesAtTurn200} (${write.stateBytesAtTurn5} / ${write.stateBytesAtTurn200})`,
    'within 10%',
    Math.abs(write.bytesAtTurn200 - write.bytesAtTurn5) <= 0.1 * write.bytesAtTurn5,
  ],
  ['  one turn in-process, us: all', `${split.totalUs}`, '', undefined],
  ['  HTTP layer (routing, token, parse, render)', `${split.httpUs}`, '', undefined],
  ['    one token check alone (hono/jwt verify)', `${split.tokenCheckUs}`, '', undefined],
  ['  engine and service (intent matching)', `${split.turnUs} (${split.classifyUs})`, '', undefined],
  ...Object.entries(split.storeUs)
    .sort((a, b) => b[1] - a[1])
    .map(([name, us]): [string, string, string, undefined] => [`  SQLite ${name}`, `${us}`, '', undefined]),
  ['cold start, npm start (node on the esbuild bundle) p50', `${round(cold.bundleMs.p50, 0)} ms`, '< 500 ms', cold.bundleMs.p50 < 500],
  ['  tsx src/runtime/node.ts (as the server tests run it) p50', `${round(cold.tsxMs.p50, 0)} ms`, '', undefined],
  ['  botframework-connector, loaded by the first Teams request', `${round(cold.teamsLibraryMs.p50, 0)} ms`, '', undefined],
  [`RSS after ${memory.conversations} conversations x ${memory.turnsEach} turns`, `${mb(memory.after.rss)} MB (heap ${mb(memory.after.heapUsed)} MB; at start ${mb(memory.before.rss)} MB)`, '< 200 MB', memory.after.rss < 200 * 1024 * 1024],
  [
    `${idle.sockets} idle Direct Line streams on Node: RSS added`,
    `${round(idle.rssAfterMb - idle.rssBeforeMb, 1)} MB (${idle.rssPerSocketKb} KB each; ${idle.rssBeforeMb} -> ${idle.rssAfterMb} MB)`,
    '',
    undefined,
  ],
  [`  server CPU over ${idle.idleSeconds} s idle, without / with them`, `${idle.cpuIdlePercent}% / ${idle.cpuWithSocketsPercent}% of one core`, '', undefined],
  ['stream push, committed turn to its activities on the socket, p50 / p99', `${round(push.p50, 2)} / ${round(push.p99, 2)} ms (${push.count} sets)`, '', undefined],
  [`  with ${pushBusy.conversations} conversations talking at once (clients in the same process)`, `${round(pushBusy.p50, 2)} / ${round(pushBusy.p99, 2)} ms (${pushBusy.count} sets)`, '', undefined],
  ['Workers bundle, gzip', `${round(bundle.gzipBytes / 1024, 0)} KiB (raw ${round(bundle.bytes / 1024, 0)} KiB)`, '< 1 MB', bundle.gzipBytes < 1024 * 1024],
];

const machine = { node: process.version, cpus: cpus().length, loadAverage: loadavg().map((v) => round(v, 2)) };
const width = (i: 0 | 1 | 2) => Math.max(...rows.map((r) => r[i].length));
const line = (r: (typeof rows)[number]) =>
  `| ${r[0].padEnd(width(0))} | ${r[1].padEnd(width(1))} | ${r[2].padEnd(width(2))} | ${r[3] === undefined ? '    ' : r[3] ? 'met ' : 'MISS'} |`;
console.log(`softbounce bench${quick ? ' (--quick)' : ''}: node ${machine.node}, ${machine.cpus} cores, load average ${machine.loadAverage.join(' ')}`);
console.log(`| ${'figure'.padEnd(width(0))} | ${'measured'.padEnd(width(1))} | ${'target'.padEnd(width(2))} |      |`);
console.log(`|${'-'.repeat(width(0) + 2)}|${'-'.repeat(width(1) + 2)}|${'-'.repeat(width(2) + 2)}|------|`);
for (const row of rows) console.log(line(row));

mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
const results = { at: new Date().toISOString(), quick, machine, size, engine, http, write, split, cold, bundle, memory, idle, push, pushBusy };
writeFileSync(join(ROOT, 'bench/results/latest.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('written to bench/results/latest.json');
