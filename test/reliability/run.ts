/**
 * `npm run test:reliability [-- --profile ci|full]`: load, faults, duplicates, bad input and security against
 * the real Node server (SQLite) on 127.0.0.1, with local stand-ins for Slack and Bot Framework. Prints a summary
 * and a last line `N passed, N failed`; exits non-zero on any failure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type ServerProcess } from '../conversation/server-process.js';
import { APP_ID, startKeyServer, type KeyServer } from '../channels/teams/bot-framework-servers.js';
import { BOT_TOKEN, SIGNING_SECRET, startFakeSlack, type FakeSlack } from '../channels/slack/slack-fakes.js';
import { AGENT_TOKEN } from './agents.js';
import { DL_SECRET } from './direct-line.js';
import { duplicatesTest } from './duplicates.js';
import { fuzzTest } from './fuzz.js';
import { faultTest, loadTest } from './load.js';
import { securityTest } from './security.js';
import { counts, section, serverErrorSamples, summary, verdict } from './tally.js';

const PROFILES = {
  ci: { conversations: 60, turns: 10, faultConversations: 40, slackChannels: 20, teamsConversations: 20, messagesEach: 3, fuzzRuns: 60 },
  full: { conversations: 200, turns: 10, faultConversations: 200, slackChannels: 60, teamsConversations: 60, messagesEach: 4, fuzzRuns: 300 },
} as const;

const flag = process.argv.indexOf('--profile');
const profileName = (flag >= 0 ? process.argv[flag + 1] : 'full') as keyof typeof PROFILES;
const profile = PROFILES[profileName];
if (!profile) {
  console.error(`unknown profile "${profileName}": use --profile ci or --profile full`);
  process.exit(2);
}

const dataDirs: string[] = [];
const servers: ServerProcess[] = [];
let keys: KeyServer | undefined;
let slack: FakeSlack | undefined;

async function start(dataDir: string): Promise<ServerProcess> {
  const server = await startServer({
    DATA_DIR: dataDir,
    DIRECT_LINE_SECRET: DL_SECRET,
    AGENT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: slack!.apiUrl,
    MICROSOFT_APP_ID: APP_ID,
    MICROSOFT_APP_PASSWORD: 'reliability-unused-password',
    BOT_OPENID_METADATA: keys!.metadataUrl,
    LOG_LEVEL: 'error',
  });
  servers.push(server);
  return server;
}

const newDataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'softbounce-reliability-'));
  dataDirs.push(dir);
  return dir;
};

const started = performance.now();
console.log(`reliability suite, profile ${profileName}: ${JSON.stringify(profile)}`);
try {
  keys = await startKeyServer();
  slack = await startFakeSlack();
  const main = await start(newDataDir());
  await section(`load: ${profile.conversations} conversations x ${profile.turns} turns`, () =>
    loadTest(main.url, profile.conversations, profile.turns),
  );
  await section('duplicates: Slack retries and repeated Teams activities', () =>
    duplicatesTest(main.url, keys!, profile.slackChannels, profile.teamsConversations, profile.messagesEach),
  );
  await section(`bad input: ${profile.fuzzRuns} generated requests per endpoint`, () => fuzzTest(main.url, keys!, profile.fuzzRuns));
  await section('security: forged, expired and misused credentials', () => securityTest(main.url, keys!, slack!));
  await section(`faults: kill -9 under ${profile.faultConversations} x ${profile.turns} load`, async () => {
    const dataDir = newDataDir();
    let current = await start(dataDir);
    await faultTest(
      current.url,
      async () => {
        await current.crash();
        current = await start(dataDir);
        return current.url;
      },
      profile.faultConversations,
      profile.turns,
    );
  });

  const alive = await Promise.all(servers.slice(-1).concat(main).map((s) => fetch(`${s.url}/healthz`).then((r) => r.ok, () => false)));
  verdict('the servers are still up at the end (no crash)', alive.every(Boolean) ? [] : ['a server stopped answering /healthz']);
  const crashes = servers.filter((s) => /unhandled|uncaught|FATAL/i.test(s.output()));
  verdict('no unhandled error in the server logs', crashes.map((s) => s.output().split('\n').filter((l) => /unhandled|uncaught|FATAL/i.test(l)).slice(0, 3).join('\n')));
  verdict('no 5xx answer in the whole run', serverErrorSamples);
} catch (error) {
  verdict('suite set-up', [error instanceof Error ? (error.stack ?? error.message) : String(error)]);
} finally {
  for (const server of servers) await server.crash();
  await keys?.close();
  await slack?.close();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
}

const { passed, failed } = counts();
console.log(`
reliability summary (profile ${profileName}, ${((performance.now() - started) / 1000).toFixed(0)} s)
  requests sent          ${summary.requestsSent}
  5xx answers            ${summary.serverErrors}
  lost turns             ${summary.lostTurns}
  duplicates processed   ${summary.duplicatesProcessed}
  bad inputs tried       ${summary.badInputsTried}
  attacks rejected       ${summary.rejectedAttacks}
${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
