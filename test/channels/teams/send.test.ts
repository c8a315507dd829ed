import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedTokenCredentials } from '../../../src/channels/teams/connector.js';
import { createTeamsSender, sendTeamsOutputs } from '../../../src/channels/teams/send.js';
import { loadConfig } from '../../../src/config.js';
import type { ConversationRef } from '../../../src/store/types.js';
import { startFakeConnector, type FakeConnector } from './bot-framework-servers.js';

describe('sendTeamsOutputs (follow-ups and agent notes)', () => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await startFakeConnector();
  });
  afterAll(() => connector.close());

  it('posts into the stored conversation thread through its serviceUrl, from the bot to the user', async () => {
    const ref: ConversationRef = {
      channel: 'msteams',
      conversationId: '19:abc@thread.tacv2;messageid=1764494441208',
      serviceUrl: connector.serviceUrl,
      userId: '29:user',
      userName: 'Pieter',
      botId: '28:bot',
    };
    await sendTeamsOutputs(await fixedTokenCredentials('fixed'), ref, [
      { kind: 'say', text: 'Checking back: did the mail go through?' },
      { kind: 'ask', stepId: 'retry_check', text: 'Did it go through?', choices: [{ id: 'yes', label: 'Yes' }, { id: 'no', label: 'No' }] },
      { kind: 'log', event: { at: 1, flowId: 'f', stepId: 's', intent: 'i', topic: 't', confidence: 1, status: 'active' } },
    ]);
    expect(connector.calls).toHaveLength(2);
    for (const call of connector.calls) {
      expect(call).toMatchObject({
        method: 'POST',
        path: '/teams/v3/conversations/19:abc@thread.tacv2;messageid=1764494441208/activities',
        authorization: 'Bearer fixed',
        body: { type: 'message', from: { id: '28:bot' }, recipient: { id: '29:user', name: 'Pieter' } },
      });
    }
    expect(connector.calls[0]?.body.text).toBe('Checking back: did the mail go through?');
    expect(connector.calls[1]?.body.attachments).toHaveLength(1);
  });

  it('is not built when Teams is not configured', () => {
    expect(createTeamsSender(loadConfig({}))).toBeUndefined();
    expect(createTeamsSender(loadConfig({ MICROSOFT_APP_ID: 'id', MICROSOFT_APP_PASSWORD: 'pw' }))).toBeTypeOf('function');
  });

  it('refuses a reference without a serviceUrl with a clear error', async () => {
    await expect(sendTeamsOutputs(await fixedTokenCredentials('x'), { channel: 'msteams', conversationId: 'a:1' }, [])).rejects.toThrow(/no serviceUrl/);
  });
});
