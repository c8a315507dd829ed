/**
 * The support page, its token endpoint, and the Web Chat bundle. The bundle's bytes come from the runtime
 * (Node reads the npm package's file; Workers serve it as a static asset), so this file reads no files.
 */
import { Hono } from 'hono';
import { requireSecret } from '../channels/directline/auth.js';
import { createTokens, type Tokens } from '../channels/directline/tokens.js';
import type { AppDeps } from '../http/deps.js';
import { renderSupportPage, TOKEN_PATH, WEBCHAT_JS_PATH } from './page.js';

/** Static files the page needs, by name. */
export type AssetName = 'webchat.js';

/** Hands over an asset's bytes, or undefined when this runtime serves it some other way. */
export type AssetReader = (name: AssetName) => Promise<Uint8Array | undefined>;

/** Routes for the page at `/`, its token at `/webchat/token`, and `/webchat.js` when `readAsset` is given. */
export function webRoutes(deps: AppDeps, readAsset?: AssetReader, tokens: Tokens = createTokens()): Hono {
  const routes = new Hono();
  const page = renderSupportPage();
  let bundle: Promise<Uint8Array | undefined> | undefined;

  routes.get('/', (c) => c.html(page, 200, { 'cache-control': 'no-cache' }));
  // Browsers ask for it on every page; an empty answer keeps their consoles free of 404s.
  routes.get('/favicon.ico', (c) => c.body(null, 204));

  // The page's own server does what a site owner's backend would: trade the secret for a conversation token.
  routes.post(TOKEN_PATH, async (c) => {
    const secret = requireSecret(deps.config.DIRECT_LINE_SECRET);
    const issued = await tokens.issue(secret, { conversationId: crypto.randomUUID() }, deps.now(), deps.config.DIRECT_LINE_TOKEN_TTL_SECONDS);
    return c.json(issued, 200, { 'cache-control': 'no-store' });
  });

  if (readAsset) {
    routes.get(WEBCHAT_JS_PATH, async (c) => {
      bundle ??= readAsset('webchat.js');
      const bytes = await bundle;
      if (!bytes) return c.notFound();
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'public, max-age=3600',
      });
    });
  }
  return routes;
}
