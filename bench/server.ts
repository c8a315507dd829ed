/**
 * The bench's server process: the real Node server (`src/runtime/node.ts`, SQLite, every route) and, in the same
 * process, a bare Hono JSON echo on ECHO_PORT, so both share one event loop and one CPU budget, and `/usage` with
 * the process's RSS and CPU time.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { mainThreadCpuMicros } from './cpu-share.js';

await import('../src/runtime/node.js');

const echo = new Hono();
echo.post('/echo', async (c) => c.json(await c.req.json()));
// The server process's own memory and CPU time (all threads, and the main thread's alone where Linux tells it), for
// the HTTP and idle-socket figures (the bench reads them before and after).
echo.get('/usage', (c) => c.json({ rss: process.memoryUsage().rss, cpuMicros: process.cpuUsage(), mainThreadCpuMicros: mainThreadCpuMicros() ?? null }));
serve({ fetch: echo.fetch, port: Number(process.env.ECHO_PORT), hostname: '127.0.0.1' });
