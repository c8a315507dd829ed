/**
 * Exactly-once under load: Slack delivers each event again with X-Slack-Retry-Num when it thinks we were slow,
 * and Bot Framework can deliver a Teams activity twice. Every copy is sent at the same moment, across many
 * conversations at once; each message must reach its conversation's transcript exactly once.
 */
import { slackFixture, slackHeaders } from '../channels/slack/slack-fakes.js';
import { teamsFixture } from '../channels/teams/fixtures.js';
import type { KeyServer } from '../channels/teams/bot-framework-servers.js';
import { storedConversation, userLines } from './agents.js';
import { send, summary, verdict } from './tally.js';

const TEAM = 'T04HOSTCO';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const texts = ['my emails to gmail bounce with 421 4.7.0', 'about 10 minutes', 'no', 'only gmail', 'thanks'];

/** Waits until the stored transcript holds `count` user lines (or the deadline passes); returns them. */
async function userLinesOnce(base: string, id: string, count: number): Promise<string[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const lines = userLines(await storedConversation(base, id));
    if (lines.length >= count || Date.now() > deadline) return lines;
    await pause(100);
  }
}

/** Counts each sent text in the transcript: missing ones are lost, extra copies are duplicates processed. */
function tallyCopies(id: string, lines: string[], sent: string[], problems: string[]): void {
  for (const text of new Set(sent)) {
    const copies = lines.filter((l) => l === text).length;
    const expected = sent.filter((s) => s === text).length;
    if (copies > expected) {
      summary.duplicatesProcessed += copies - expected;
      problems.push(`${id}: "${text}" processed ${copies} times, sent ${expected}`);
    } else if (copies < expected) {
      summary.lostTurns += expected - copies;
      problems.push(`${id}: "${text}" is missing from the transcript`);
    }
  }
}

async function slackConversation(base: string, index: number, messages: number, problems: string[]): Promise<number> {
  const channel = `DREL${String(index).padStart(5, '0')}`;
  const template = slackFixture<{ event: Record<string, unknown> } & Record<string, unknown>>('message-dm');
  const sent: string[] = [];
  let requests = 0;
  for (let k = 0; k < messages; k += 1) {
    const ts = `${1764500000 + index * 100 + k}.000${String(k).padStart(3, '0')}`;
    const text = texts[k % texts.length]!;
    const body = JSON.stringify({
      ...template,
      event_id: `EvREL${index}x${k}`,
      event: { ...template.event, channel, ts, event_ts: ts, text, client_msg_id: `rel-${index}-${k}` },
    });
    // The first delivery and three retries, all at once, as when Slack times out on a slow acknowledgement.
    const statuses = await Promise.all(
      [0, 1, 2, 3].map((retry) => {
        const headers: Record<string, string> = { 'content-type': 'application/json', ...slackHeaders(body, Math.floor(Date.now() / 1000)) };
        if (retry > 0) Object.assign(headers, { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' });
        return send(`${base}/slack/events`, { method: 'POST', headers, body }).then((r) => r.status);
      }),
    );
    requests += statuses.length;
    if (statuses.some((s) => s !== 200)) problems.push(`slack ${channel} message ${k}: answers ${statuses.join(', ')}`);
    sent.push(text);
    await userLinesOnce(base, `slack:${TEAM}:${channel}`, sent.length);
  }
  await pause(300);
  tallyCopies(`slack:${TEAM}:${channel}`, userLines(await storedConversation(base, `slack:${TEAM}:${channel}`)), sent, problems);
  return requests;
}

async function teamsConversation(base: string, keys: KeyServer, index: number, messages: number, problems: string[]): Promise<number> {
  const template = teamsFixture('personal-message') as Record<string, unknown> & { conversation: Record<string, unknown> };
  const conversationId = `a:reliability-${index}`;
  const sent: string[] = [];
  let requests = 0;
  for (let k = 0; k < messages; k += 1) {
    const text = texts[k % texts.length]!;
    const activity = { ...template, id: `rel-${index}-${k}`, text, conversation: { ...template.conversation, id: conversationId } };
    const body = JSON.stringify(activity);
    const statuses = await Promise.all(
      [0, 1, 2].map(async () => {
        const authorization = await keys.token({ serviceurl: template.serviceUrl as string });
        return send(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body }).then((r) => r.status);
      }),
    );
    requests += statuses.length;
    if (statuses.some((s) => s !== 200)) problems.push(`teams ${conversationId} message ${k}: answers ${statuses.join(', ')}`);
    sent.push(text);
    await userLinesOnce(base, `msteams:${conversationId}`, sent.length);
  }
  await pause(300);
  tallyCopies(`msteams:${conversationId}`, userLines(await storedConversation(base, `msteams:${conversationId}`)), sent, problems);
  return requests;
}

/** Slack and Teams conversations side by side, every message sent several times at once. */
export async function duplicatesTest(base: string, keys: KeyServer, slackChannels: number, teamsConversations: number, messages: number): Promise<void> {
  const slackProblems: string[] = [];
  const teamsProblems: string[] = [];
  const [slackRequests, teamsRequests] = await Promise.all([
    Promise.all(Array.from({ length: slackChannels }, (_, i) => slackConversation(base, i, messages, slackProblems))),
    Promise.all(Array.from({ length: teamsConversations }, (_, i) => teamsConversation(base, keys, i, messages, teamsProblems))),
  ]);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  verdict('duplicates: each Slack message processed once despite three retries', slackProblems,
    `${slackChannels} channels x ${messages} messages, ${sum(slackRequests)} deliveries`);
  verdict('duplicates: each Teams activity processed once despite repeats', teamsProblems,
    `${teamsConversations} conversations x ${messages} activities, ${sum(teamsRequests)} deliveries`);
}
