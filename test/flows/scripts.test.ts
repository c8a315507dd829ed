import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { readFlowDir } from '../../scripts/read-flows.js';
import { mainSteps } from '../../src/core/state.js';
import { checkAll } from '../../scripts/flows-check.js';
import { flowToMermaid } from '../../scripts/flows-graph.js';
import { realEngine } from '../conversations/harness.js';

const dir = mkdtempSync(join(tmpdir(), 'flows-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run flows:check', () => {
  it('passes the flows and intents in the repository', () => {
    const { ok, lines } = checkAll();
    expect(lines.join('\n')).toContain('flows/smtp-421.yaml: OK (flow smtp_421');
    expect(ok).toBe(true);
  });

  it('explains a broken file in plain words: where, what, and the fix', () => {
    const raw = structuredClone(readFlowDir()[0]?.raw) as { steps: { id: string; next?: unknown }[] };
    for (const step of raw.steps) if (step.id === 'one_domain') step.next = 'test_mail';
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, stringify(raw));
    const { ok, lines } = checkAll([file]);
    expect(ok).toBe(false);
    const report = lines.join('\n');
    expect(report).toContain('broken.yaml, flow smtp_421, step one_domain: next goes to "test_mail", which is not a step (unknown_target). Fix: point it at an existing step id');
    expect(report).toContain('Some files need fixing');
    const bare = join(dir, 'bare.yaml');
    writeFileSync(bare, 'id: bare\ntitle: Bare\nstart: first\nsteps:\n  - { id: first, kind: say, text: Hi, next: first }\n');
    expect(checkAll([bare]).lines.join('\n')).toMatch(/bare\.yaml, flow bare: messages: .*Fix: correct the field "messages"/);
  });

  it('flags a link name the configuration does not provide', () => {
    const raw = structuredClone(readFlowDir()[0]?.raw) as { steps: { id: string; text?: string }[] };
    for (const step of raw.steps) if (step.id === 'reduce_volume') step.text = 'Our sending limits: {links.sending_limit}';
    const file = join(dir, 'link.yaml');
    writeFileSync(file, stringify(raw));
    const { ok, lines } = checkAll([file]);
    expect(ok).toBe(false);
    expect(lines.join('\n')).toContain('step reduce_volume: "{links.sending_limit}" cannot be filled: there is no link called "sending_limit" (unknown_placeholder)');
  });

  it('reports a YAML syntax error without stopping at it', () => {
    const file = join(dir, 'syntax.yaml');
    writeFileSync(file, 'id: [unclosed\n');
    const { ok, lines } = checkAll([file]);
    expect(ok).toBe(false);
    expect(lines.join('\n')).toMatch(/syntax\.yaml: not valid YAML.*Fix: correct the YAML/);
  });
});

describe('npm run flows:graph', () => {
  it('draws every step and every branch with its condition', () => {
    const flow = realEngine().flows.flows.smtp_421;
    if (!flow) throw new Error('smtp_421 missing');
    const page = flowToMermaid(flow);
    expect(page).toContain('```mermaid\nflowchart TD');
    for (const step of flow.steps) expect(page).toMatch(new RegExp(`^  ${step.id}[\\[(({/]`, 'm'));
    mainSteps(flow).forEach((id, i) => expect(page).toContain(`${id}(["${i + 1}. `));
    expect(page).toContain('confirm_error -->|"code_class = permanent"| route_permanent');
    expect(page).toContain('wait_and_retry -->|"variation = policy and waited_minutes < greylistWaitMinutes"| wait_greylisting');
    expect(page).toContain('schedule_retry -.->|later| retry_check');
    expect(page).toContain('escalate_if_persistent -->|not yet| not_yet_persistent');
  });
});
