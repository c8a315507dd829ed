/**
 * The live check inside a real conversation: the user names the recipient domain, the engine asks for an
 * MX check, the service runs it against a local DNS server and the bot's reply carries what was found.
 * A lookup that times out is reported and the conversation goes on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeCheckRunner } from '../../src/checks/node-checks.js';
import { loadConfig } from '../../src/config.js';
import { createConversations, type Conversations } from '../../src/conversation/service.js';
import type { Output } from '../../src/core/types.js';
import { createTurnDeps } from '../../src/runtime/engine.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { startLocalDns, type LocalDns } from './local-dns.js';
import { zone } from './zone.js';

let dns: LocalDns;
let conversations: Conversations;

beforeAll(async () => {
  dns = await startLocalDns(zone);
  const config = loadConfig({ LIVE_CHECKS: 'true', DNS_SERVER: dns.server, CHECK_TIMEOUT_MS: '900' });
  conversations = createConversations({
    store: createMemoryStore(),
    deps: createTurnDeps(config),
    runCheck: createNodeCheckRunner(config),
  });
});

afterAll(() => dns.close());

const said = (outputs: Output[]) =>
  outputs.flatMap((output) => (output.kind === 'say' || output.kind === 'ask' ? [output.text] : []));

async function userSays(id: string, text: string) {
  return conversations.turn(id, { channel: 'directline', conversationId: id }, { kind: 'message', text });
}

describe('live checks in a conversation', () => {
  it('tells the user which mail servers the recipient domain has', async () => {
    const outcome = await userSays('mx-found', 'My emails to jane@mail.test keep coming back with 421 try again later');
    expect(outcome.outputs).toContainEqual({ kind: 'check', check: 'mx', target: 'mail.test' });
    expect(said(outcome.outputs).join('\n')).toContain('10 mx1.mail.test (192.0.2.10)');
    expect(outcome.outputs.some((output) => output.kind === 'ask')).toBe(true);
  });

  it('says the lookup timed out and goes on with the conversation', async () => {
    const outcome = await userSays('mx-timeout', 'My emails to bob@slow.test keep coming back with 421 try again later');
    expect(said(outcome.outputs).join('\n')).toContain('no answer in time');
    expect(outcome.outputs.some((output) => output.kind === 'ask')).toBe(true);
    expect(outcome.record.version).toBe(1);
    const next = await userSays('mx-timeout', 'about two hours');
    expect(next.record.version).toBe(2);
  });
});
