/**
 * Linux's per-thread and whole-machine CPU counters (/proc), for telling which core bounds the HTTP turn: the
 * server's main thread (the event loop) or the machine. Elsewhere they read as unknown (undefined).
 */
import { readFileSync } from 'node:fs';

/** /proc counts CPU time in ticks of USER_HZ: 100 on the usual Linux builds (`getconf CLK_TCK` says 100 here). */
const MICROS_PER_TICK = 10_000;

const readOrUndefined = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/** User + system CPU time of this process's main thread (the event loop), in microseconds. */
export function mainThreadCpuMicros(): number | undefined {
  const stat = readOrUndefined(`/proc/self/task/${process.pid}/stat`);
  if (stat === undefined) return undefined;
  // The fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * MICROS_PER_TICK;
}

/** The machine's CPU counters: ticks idle (idle + iowait) and in all. */
export interface MachineTicks {
  idle: number;
  total: number;
}

export function machineTicks(): MachineTicks | undefined {
  const line = readOrUndefined('/proc/stat')?.split('\n')[0];
  if (!line?.startsWith('cpu ')) return undefined;
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  return { idle: ticks[3]! + ticks[4]!, total: ticks.reduce((a, b) => a + b, 0) };
}

/** The share of the machine's CPU left idle between two readings, in percent. */
export function idlePercent(before: MachineTicks | undefined, after: MachineTicks | undefined): number | undefined {
  if (!before || !after || after.total === before.total) return undefined;
  return Math.round((100 * (after.idle - before.idle)) / (after.total - before.total));
}
