import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createConversations } from '../../src/conversation/service.js';
import { createAppMetrics } from '../../src/ops/app-metrics.js';
import { instrumentConversations } from '../../src/ops/turn-metrics.js';
import { createTurnDeps } from '../../src/runtime/engine.js';
import { createMemoryStore } from '../../src/store/memory.js';

describe('turn metrics', () => {
  it('counts turns, check-backs, outcomes and handoffs, and times each turn with the given clock', async () => {
    let now = Date.parse('2026-11-30T09:00:00Z');
    let ticks = 0;
    const store = createMemoryStore();
    const metrics = createAppMetrics();
    const conversations = instrumentConversations(
      createConversations({ store, deps: createTurnDeps(loadConfig({}), () => now), handoffTargets: [] }),
      metrics,
      () => (ticks += 3),
    );
    const ref = { channel: 'msteams' as const, conversationId: 't1' };
    const say = (text: string, choice?: string) => conversations.turn('t1', ref, { kind: 'message', text, ...(choice ? { choice } : {}) });
    await say('421 4.4.5 Too many connections from your host');
    await say('Just now (under 15 minutes)', 'just_now');
    const [due] = await store.dueFollowups(Number.MAX_SAFE_INTEGER, 10);
    now = due!.dueAt;
    await conversations.runFollowup(due!);
    for (const [text, choice] of [['No, still failing', 'still_failing'], ['No, normal sending', 'single'], ['Skip', 'skip'], ['Several domains', 'several'],
      ['No, it failed too', 'fails'], ['Deferred', 'deferred']] as const) await say(text, choice);
    const waiting = await conversations.get('t1');
    now = waiting!.state.startedAt + 5 * 3_600_000;
    const [check] = await store.dueFollowups(Number.MAX_SAFE_INTEGER, 10);
    await conversations.runFollowup(check!);
    await say('Yes, still failing', 'still_failing');

    const text = metrics.registry.render();
    expect(text).toContain('softbounce_turns_total{channel="msteams",status="escalated"} 1');
    expect(text).toContain('softbounce_outcomes_total{outcome="escalated",reason="persistent"} 1');
    expect(text).toContain('softbounce_handoffs_total{channel="msteams",reason="persistent"} 1');
    const count = /softbounce_turn_duration_seconds_count\{channel="msteams"\} (\d+)/.exec(text)?.[1];
    expect(Number(count)).toBe(11);
    expect(text).toContain('softbounce_turn_duration_seconds_sum{channel="msteams"} 0.033');
  });
});
