/**
 * One middleware for every request: gives it a request id (kept from `X-Request-Id` when sane), logs one
 * structured line when it is answered, and counts responses and errors by route group for `/metrics`.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Logger } from '../log.js';
import type { AppMetrics } from './app-metrics.js';

/** The header that carries the request id in and out. */
export const REQUEST_ID_HEADER = 'x-request-id';

const SANE_ID = /^[\w.:-]{1,100}$/;
const ids = new WeakMap<Request, string>();

/** Route groups, first match wins: metrics stay few and readable whatever paths clients try. */
const GROUPS: [RegExp, string][] = [
  [/^\/v3\/directline(\/|$)/, 'directline'],
  [/^\/api\/messages$/, 'teams'],
  [/^\/slack\//, 'slack'],
  [/^\/api\/agents(\/|$)/, 'agents'],
  [/^\/(healthz|readyz|metrics)$/, 'ops'],
  [/^\/(|webchat\/.*|webchat\.js|favicon\.ico|agents\/.*)$/, 'web'],
];

/** The route group a path belongs to (`other` for unknown paths). */
export function routeGroup(path: string): string {
  return GROUPS.find(([pattern]) => pattern.test(path))?.[1] ?? 'other';
}

/** The conversation a path names, for the log line. */
export function conversationIdOf(path: string): string | undefined {
  return /^\/(?:v3\/directline|api\/agents)\/conversations\/([^/]+)/.exec(path)?.[1];
}

/** The id the middleware gave this request (for error logs). */
export function requestIdOf(c: Context): string | undefined {
  return ids.get(c.req.raw);
}

/** Request id, access log and HTTP metrics; `clock` in milliseconds. */
export function requestLog(log: Logger, metrics: AppMetrics, clock: () => number = () => performance.now()): MiddlewareHandler {
  return async (c, next) => {
    const started = clock();
    const incoming = c.req.header(REQUEST_ID_HEADER);
    const requestId = incoming && SANE_ID.test(incoming) ? incoming : crypto.randomUUID();
    ids.set(c.req.raw, requestId);
    // Set before the response exists, so it is built with the header: setting one on a finished response makes
    // the Node adapter build a whole second Response, which costs more than the rest of a small request.
    c.header(REQUEST_ID_HEADER, requestId);
    await next();
    const status = c.res.status;
    const group = routeGroup(c.req.path);
    // A route that returned a Response of its own did not take the prepared header.
    if (!c.res.headers.has(REQUEST_ID_HEADER)) c.header(REQUEST_ID_HEADER, requestId);
    metrics.httpResponses.inc({ group, class: `${Math.floor(status / 100)}xx` });
    if (status >= 400) metrics.channelErrors.inc({ group, status: String(status) });
    const conversationId = conversationIdOf(c.req.path);
    const fields = {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round((clock() - started) * 10) / 10,
      ...(conversationId ? { conversationId } : {}),
    };
    // Probes arrive every few seconds; keep them out of the info log.
    if (group === 'ops') log.debug('request', fields);
    else if (status >= 500) log.error('request', fields);
    else log.info('request', fields);
  };
}
