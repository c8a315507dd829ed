/**
 * Direct Line streams on Node: Hono's WebSocket helper for Node (`@hono/node-ws`, on `ws`) performs the
 * upgrade once the app's stream route has verified the request, and the hub holds the open sockets.
 */
import { createNodeWebSocket } from '@hono/node-ws';
import type { ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import type { StreamHub } from '../channels/directline/stream-hub.js';
import type { StreamOpener } from '../http/deps.js';

/** The opener to give the app, and `attach` to call on the HTTP server once it exists. */
export interface NodeStreams {
  open: StreamOpener;
  attach(server: ServerType): void;
}

/** Builds the streams for the app that `app()` returns (built after this, since it needs `open`). */
export function createNodeStreams(hub: StreamHub, app: () => Hono): NodeStreams {
  // The helper runs upgrade requests through the app, and the app needs the helper's opener: a getter ties the two.
  const nodeWs = createNodeWebSocket({
    get app() {
      return app();
    },
  });
  return {
    open(c, request) {
      let remove: (() => void) | undefined;
      return nodeWs.upgradeWebSocket(c, {
        onOpen: (_event, ws) => {
          remove = hub.open(request.conversationId, ws, request);
        },
        // Web Chat sends an empty message every 20 s to notice a dead connection; there is nothing to answer.
        onMessage: () => undefined,
        onClose: () => remove?.(),
      });
    },
    attach: (server) => nodeWs.injectWebSocket(server),
  };
}
