/**
 * The peer the HTTP turn is compared with: the Bot Framework SDK's own server (botbuilder's CloudAdapter on
 * node:http), an echo bot answering with the `expectReplies` delivery mode, so its replies come back in the
 * response body and nothing calls out. Authentication is off (no app id), as in a local test of that SDK.
 * CloudAdapter expects Express or Restify (a parsed body, `status` and `send`); the few lines below stand in
 * for them, as `express.json()` would.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new ActivityHandler();
bot.onMessage(async (context, next) => {
  await context.sendActivity(`You said: ${context.activity.text}`);
  await next();
});

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

function expressLike(response: ServerResponse) {
  return {
    socket: response.socket,
    status: (code: number) => void (response.statusCode = code),
    header: (name: string, value: string) => void response.setHeader(name, value),
    send(body: unknown) {
      if (typeof body === 'string') return void response.write(body);
      response.setHeader('content-type', 'application/json');
      response.write(JSON.stringify(body));
    },
    end: () => void response.end(),
  };
}

createServer((request, response) => {
  if (request.url === '/healthz') return void response.end('ok');
  void readJson(request).then((body) =>
    adapter.process(Object.assign(request, { body }), expressLike(response), (context) => bot.run(context)),
  );
}).listen(Number(process.env.PORT), '127.0.0.1');
