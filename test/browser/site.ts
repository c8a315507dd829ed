/**
 * A customer's own website that embeds the chat exactly as the README tells site owners to: the README's
 * HTML snippet, pasted into a page on another origin, and the site's backend route `/chat-token`, which trades
 * the Direct Line secret for a visitor's token. The snippet is read from README.md, so the two cannot drift.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const README = new URL('../../README.md', import.meta.url);
/** The bot's address in the README's examples. */
const BOT_PLACEHOLDER = 'https://bot.example.com';

/** The README's embed snippet: its first HTML block that creates a Direct Line. */
export function readmeSnippet(): string {
  const blocks = [...readFileSync(README, 'utf8').matchAll(/```html\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const snippet = blocks.find((block) => block.includes('createDirectLine('));
  if (!snippet) throw new Error('README.md has no HTML block that calls createDirectLine');
  return snippet;
}

/** The running site. */
export interface Site {
  /** Its origin, for the bot's CORS_ORIGINS. */
  origin: string;
  /** Points the page and `/chat-token` at the bot (whose settings need the site's origin first). */
  embed(botUrl: string): void;
  close(): Promise<void>;
}

/** Serves the snippet at `/` with the bot's address in place of the README's, and `/chat-token`. */
export async function startSite(secret: string): Promise<Site> {
  let botUrl = '';
  const page = () => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Example Hosting - Help</title></head>
<body>
<h1>Help with your mail</h1>
${readmeSnippet().replaceAll(BOT_PLACEHOLDER, botUrl)}
</body>
</html>`;
  const server: Server = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page());
    } else if (request.method === 'POST' && request.url === '/chat-token') {
      // What the README's curl does, from the site's backend: the secret never reaches the browser.
      void fetch(`${botUrl}/v3/directline/tokens/generate`, { method: 'POST', headers: { authorization: `Bearer ${secret}` } })
        .then(async (answer) => response.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text()))
        .catch((error: unknown) => response.writeHead(502).end(String(error)));
    } else if (request.url === '/favicon.ico') {
      response.writeHead(204).end();
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    embed: (url) => {
      botUrl = url;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
