/**
 * Live checks inside real conversations: the service runs the real check runner over an in-memory DNS zone
 * (and, for the greeting, a real SMTP server on 127.0.0.1), feeds each result back, and the bot says what
 * was found in plain words before going on with the waiting question.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCheckRunner, type RunCheck } from '../../src/checks/run-check.js';
import { createNodeSmtpBanner } from '../../src/checks/smtp-banner-node.js';
import { createConversations, type Conversations, type TurnOutcome } from '../../src/conversation/service.js';
import type { Output } from '../../src/core/types.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { startSmtp, type LocalServer } from '../checks/local-smtp.js';
import { botText, T0, testDeps } from './harness.js';
import { memoryResolver, type MemoryZone } from './memory-zone.js';

const zone: MemoryZone = {
  mx: {
    'mail.test': [{ exchange: 'mx1.mail.test', priority: 10 }],
    'busy.test': [{ exchange: 'mx.busy.test', priority: 10 }],
  },
  txt: {
    'mail.test': ['v=spf1 ip4:192.0.2.10 -all', 'site-verification=abc'],
    '_dmarc.mail.test': ['v=DMARC1; p=quarantine; rua=mailto:dmarc@mail.test'],
    'mydomain.org': ['v=spf1 a -all', 'v=spf1 mx ~all'],
  },
  addresses: {
    'mx1.mail.test': ['192.0.2.10'],
    'mx.busy.test': ['127.0.0.1'],
    'liar.test': ['192.0.2.1'],
  },
  ptr: { '192.0.2.10': ['mx1.mail.test'], '192.0.2.99': ['liar.test'] },
  failing: ['broken.test'],
};

let busy: LocalServer;
beforeAll(async () => {
  busy = await startSmtp('busy');
});
afterAll(() => busy.close());

function service(runCheck?: RunCheck): Conversations {
  return createConversations({ store: createMemoryStore(), deps: testDeps({ now: T0 }), ...(runCheck ? { runCheck } : {}) });
}

const probeOff = () => createCheckRunner({ resolver: memoryResolver(zone), timeoutMs: 2000, smtpProbe: false });
const probeOn = () =>
  createCheckRunner({ resolver: memoryResolver(zone), timeoutMs: 2000, smtpProbe: true, smtpBanner: createNodeSmtpBanner({ port: busy.port, timeoutMs: 1500 }) });

const checks = (outputs: Output[]) => outputs.flatMap((o) => (o.kind === 'check' ? [`${o.check}:${o.target}`] : []));
const asks = (outputs: Output[]) => outputs.flatMap((o) => (o.kind === 'ask' ? [o.stepId] : []));

function customer(conversations: Conversations, id: string) {
  return (text: string): Promise<TurnOutcome> => conversations.turn(id, { channel: 'directline', conversationId: id }, { kind: 'message', text });
}

describe('the recipient domain', () => {
  it('is looked up when named; with the SMTP probe off nothing is said about the greeting', async () => {
    const say = customer(service(probeOff()), 'mx');
    const outcome = await say('my mail to jane@mail.test is deferred: 421 4.7.0 try again later');
    expect(checks(outcome.outputs)).toEqual(['mx:mail.test', 'banner:mail.test']);
    const text = botText(outcome.outputs);
    expect(text).toContain('10 mx1.mail.test (192.0.2.10)');
    expect(text).not.toMatch(/connected|probe/i);
    expect(outcome.position.stepId).toBe('wait_and_retry');
  });

  it('is asked for at the recipient step when unknown, and looked up from the answer', async () => {
    const say = customer(service(probeOff()), 'ask-domain');
    await say('421 4.4.5 too many connections');
    await say('about 2 hours');
    await say('no, just normal mail');
    const asked = await say('only one domain');
    expect(asked.position).toMatchObject({ stepId: 'recipient_domain', stepNumber: 4, stepTitle: "Check the recipient's server" });
    expect(botText(asked.outputs)).toContain('Which domain is it?');
    const answered = await say('they are all at mail.test');
    expect(checks(answered.outputs)).toContain('mx:mail.test');
    expect(botText(answered.outputs)).toContain('mx1.mail.test');
    expect(answered.position.stepId).toBe('test_email');
    expect(answered.understood).toBe(true);
  });

  it("a 421 greeting from the recipient's mail server: busy right now, the cause is on their side", async () => {
    const say = customer(service(probeOn()), 'busy');
    const outcome = await say('mail to bob@busy.test keeps coming back with 421 4.3.2 server busy');
    expect(checks(outcome.outputs)).toEqual(['mx:busy.test', 'banner:busy.test']);
    const text = botText(outcome.outputs);
    expect(text).toContain('mx.busy.test (127.0.0.1)');
    expect(text).toContain('busy right now');
    expect(text).toContain('on their side');
  });
});

describe('side checks at any step', () => {
  it("SPF: says the record and what it means, then asks the waiting question again", async () => {
    const say = customer(service(probeOff()), 'spf');
    await say('421 4.7.0 greylisted');
    const outcome = await say('can you check my SPF for mail.test?');
    expect(checks(outcome.outputs)).toEqual(['spf:mail.test']);
    const text = botText(outcome.outputs);
    expect(text).toContain('v=spf1 ip4:192.0.2.10 -all');
    expect(text).toContain('policy 421');
    expect(asks(outcome.outputs)).toEqual(['wait_and_retry']);
    expect(outcome.position.stepId).toBe('wait_and_retry');
    expect(outcome.state.pendingChecks).toBeUndefined();
    expect(outcome.understood).toBe(true);
    const next = await say('about 2 hours');
    expect(next.position.stepId).toBe('sending_volume');
  });

  it('SPF and DMARC in one message: both answered, the question asked once at the end', async () => {
    const say = customer(service(probeOff()), 'both');
    await say('421 4.7.0 greylisted');
    const outcome = await say("what's the SPF and DMARC of mail.test");
    expect(checks(outcome.outputs)).toEqual(['spf:mail.test', 'dmarc:mail.test']);
    const text = botText(outcome.outputs);
    expect(text).toContain('p=quarantine');
    expect(asks(outcome.outputs)).toEqual(['wait_and_retry']);
    expect(outcome.outputs.at(-2)).toMatchObject({ kind: 'ask', stepId: 'wait_and_retry' });
  });

  it('problems found are explained: two SPF records, no DMARC', async () => {
    const say = customer(service(probeOff()), 'problems');
    await say('my emails bounce');
    const spf = await say('check SPF for mydomain.org');
    expect(botText(spf.outputs)).toContain('more than one SPF record');
    expect(botText(spf.outputs)).toContain('https://example.test/spf-dkim');
    const dmarc = await say("what's the DMARC of mydomain.org");
    expect(botText(dmarc.outputs)).toContain('no DMARC record');
    expect(asks(dmarc.outputs)).toEqual(['confirm_error']);
  });

  it('PTR: one that points back, and one that does not, for IPv4', async () => {
    const say = customer(service(probeOff()), 'ptr');
    await say('421 4.4.5 too many connections');
    const good = await say('reverse dns for 192.0.2.10');
    expect(checks(good.outputs)).toEqual(['ptr:192.0.2.10']);
    expect(botText(good.outputs)).toContain('mx1.mail.test');
    expect(botText(good.outputs)).toContain('points back');
    const bad = await say('is the PTR of 192.0.2.99 right?');
    expect(botText(bad.outputs)).toContain('does not point back');
    expect(botText(bad.outputs)).toContain('hosting provider');
    expect(bad.position.stepId).toBe('wait_and_retry');
  });

  it('a lookup that fails is said in plain words and the conversation goes on', async () => {
    const say = customer(service(probeOff()), 'failing');
    await say('421 4.4.5 too many connections');
    const outcome = await say('check spf for broken.test');
    expect(botText(outcome.outputs)).toContain("couldn't look up broken.test just now (SERVFAIL");
    expect(asks(outcome.outputs)).toEqual(['wait_and_retry']);
    expect((await say('2 hours')).position.stepId).toBe('sending_volume');
  });

  it('with live checks off, the bot says how to look it up and asks again', async () => {
    const say = customer(service(), 'off');
    await say('421 4.4.5 too many connections');
    const outcome = await say('check my SPF for mail.test');
    expect(checks(outcome.outputs)).toEqual([]);
    expect(botText(outcome.outputs)).toContain('dig TXT');
    expect(asks(outcome.outputs)).toEqual(['wait_and_retry']);
  });

  it('a pasted bounce that mentions SPF is read as an error, not as a request', async () => {
    const say = customer(service(probeOff()), 'pasted');
    await say('my emails bounce');
    const outcome = await say('421 4.7.0 SPF check soft-failed for mail.test, try again later');
    expect(checks(outcome.outputs)).not.toContain('spf:mail.test');
    expect(outcome.position.stepId).toBe('wait_and_retry');
  });
});
