import { describe, expect, it } from 'vitest';
import { checkReadiness, engineReadyChecks } from '../../src/ops/ready.js';
import { createTurnDeps } from '../../src/runtime/engine.js';
import { loadConfig } from '../../src/config.js';

describe('readiness checks', () => {
  it('passes for the loaded flows and model', async () => {
    const deps = createTurnDeps(loadConfig({}));
    expect(await checkReadiness(engineReadyChecks(deps))).toEqual({ ready: true, checks: { flows: 'ok', model: 'ok' } });
  });

  it('fails when the default flow is missing or the model reads mail as something else', async () => {
    const deps = createTurnDeps(loadConfig({}));
    const broken = engineReadyChecks({
      flows: { defaultFlowId: 'gone', flows: {} },
      nlu: { classify: (text) => ({ ...deps.nlu.classify(text), topic: 'out_of_scope' }) },
    });
    const readiness = await checkReadiness(broken);
    expect(readiness.ready).toBe(false);
    expect(readiness.checks.flows).toContain('default flow "gone" is not loaded');
    expect(readiness.checks.model).toContain('out_of_scope');
  });

  it('fails a check that never answers', async () => {
    const readiness = await checkReadiness({ stuck: () => new Promise<void>(() => undefined) }, 50);
    expect(readiness).toEqual({ ready: false, checks: { stuck: 'no answer within 50 ms' } });
  });
});
