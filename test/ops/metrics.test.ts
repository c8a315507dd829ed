import { describe, expect, it } from 'vitest';
import { createMetricsRegistry } from '../../src/ops/metrics.js';

describe('metrics registry', () => {
  it('writes counters in the Prometheus text format, one line per label set', () => {
    const registry = createMetricsRegistry();
    const turns = registry.counter('demo_turns_total', 'Turns run.');
    turns.inc({ channel: 'slack', status: 'active' });
    turns.inc({ status: 'active', channel: 'slack' }, 2);
    turns.inc({ channel: 'msteams', status: 'resolved' });
    expect(registry.render()).toBe([
      '# HELP demo_turns_total Turns run.',
      '# TYPE demo_turns_total counter',
      'demo_turns_total{channel="slack",status="active"} 3',
      'demo_turns_total{channel="msteams",status="resolved"} 1',
      '',
    ].join('\n'));
  });

  it('keeps histogram buckets cumulative, with +Inf, sum and count', () => {
    const registry = createMetricsRegistry();
    const latency = registry.histogram('demo_seconds', 'Latency.', [0.5, 0.1]);
    for (const value of [0.05, 0.1, 0.3, 2]) latency.observe(value, { channel: 'cli' });
    const lines = registry.render().split('\n');
    expect(lines).toContain('demo_seconds_bucket{channel="cli",le="0.1"} 2');
    expect(lines).toContain('demo_seconds_bucket{channel="cli",le="0.5"} 3');
    expect(lines).toContain('demo_seconds_bucket{channel="cli",le="+Inf"} 4');
    expect(lines).toContain('demo_seconds_sum{channel="cli"} 2.45');
    expect(lines).toContain('demo_seconds_count{channel="cli"} 4');
  });

  it('escapes label values and returns the same metric for the same name', () => {
    const registry = createMetricsRegistry();
    registry.counter('demo_total', 'x').inc({ path: 'a"b\\c\nd' });
    registry.counter('demo_total', 'x').inc({ path: 'a"b\\c\nd' });
    expect(registry.render()).toContain('demo_total{path="a\\"b\\\\c\\nd"} 2');
  });

  it('refuses bad names, a name reused for another kind, and counters going down', () => {
    const registry = createMetricsRegistry();
    expect(() => registry.counter('bad-name', 'x')).toThrow(/not valid/);
    registry.counter('demo_total', 'x');
    expect(() => registry.histogram('demo_total', 'x', [1])).toThrow(/already registered as a counter/);
    expect(() => registry.counter('demo_total', 'x').inc({}, -1)).toThrow(/only go up/);
  });
});
