import { describe, expect, it } from 'vitest';
import { FlowError, loadFlowSet, validateFlows } from '../../src/flows/load.js';
import { readFlowDir } from '../../scripts/read-flows.js';
import { loadConfig } from '../../src/config.js';
import { LINK_NAMES } from '../../src/flows/placeholders.js';
import { linksFromConfig } from '../../src/runtime/engine.js';

type RawStep = Record<string, unknown> & { id: string };
type RawFlow = Record<string, unknown> & { id: string; steps: RawStep[]; messages: Record<string, string> };

const files = readFlowDir();
const original = files.find((f) => f.file.endsWith('smtp-421.yaml'))?.raw as RawFlow;

function edited(change: (flow: RawFlow) => void): RawFlow {
  const copy = structuredClone(original);
  change(copy);
  return copy;
}

function step(flow: RawFlow, id: string): RawStep {
  const found = flow.steps.find((s) => s.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
}

function problemsOf(flow: RawFlow) {
  return validateFlows([flow], ['flows/broken.yaml']).problems;
}

describe('flows in flows/', () => {
  it('every file is valid and the 421 flow has its six steps in order', () => {
    expect(files.every((f) => !f.error)).toBe(true);
    const set = loadFlowSet(files.map((f) => f.raw));
    expect(set.defaultFlowId).toBe('smtp_421');
    const main = set.flows.smtp_421?.steps.filter((s) => s.kind === 'ask' && !s.part_of).map((s) => s.id);
    expect(main).toEqual(['confirm_error', 'wait_and_retry', 'sending_volume', 'recipient_server', 'test_email', 'delivery_logs']);
  });
});

describe('link names', () => {
  it('the runtime provides exactly the links the flow checks accept', () => {
    expect(Object.keys(linksFromConfig(loadConfig({}))).sort()).toEqual([...LINK_NAMES].sort());
  });
});

describe('flow validation names file, flow and step, and says the fix', () => {
  it('a branch to a step that does not exist', () => {
    const problems = problemsOf(edited((f) => (step(f, 'sending_volume').next = [{ if: { slot: 'bulk', equals: 'bulk' }, then: 'reduce_volumes' }, { else: 'recipient_server' }])));
    expect(problems).toEqual([
      expect.objectContaining({ check: 'unknown_target', file: 'flows/broken.yaml', flow: 'smtp_421', step: 'sending_volume', message: expect.stringContaining('"reduce_volumes"') }),
      expect.objectContaining({ check: 'unreachable', step: 'reduce_volume' }),
    ]);
    expect(problems[0]?.fix).toContain('existing step id');
  });

  it('a step nothing leads to', () => {
    const problems = problemsOf(edited((f) => f.steps.push({ id: 'orphan', kind: 'say', text: 'Hello', next: 'test_email' })));
    expect(problems).toEqual([expect.objectContaining({ check: 'unreachable', step: 'orphan', fix: expect.stringContaining('link to it') })]);
  });

  it('branches without a default, and an else that is not last', () => {
    const noDefault = problemsOf(edited((f) => (step(f, 'test_email').next = [{ if: { slot: 'test_result', equals: 'works' }, then: 'test_worked' }])));
    expect(noDefault.map((p) => [p.check, p.step])).toContainEqual(['no_default', 'test_email']);
    const elseFirst = problemsOf(
      edited((f) => (step(f, 'test_email').next = [{ else: 'delivery_logs' }, { if: { slot: 'test_result', equals: 'works' }, then: 'test_worked' }])),
    );
    expect(elseFirst.filter((p) => p.check === 'no_default').map((p) => p.message)).toEqual(['next[0] is an else before the last branch', 'the branches have no default']);
  });

  it('duplicate step ids, duplicate choice ids and duplicate flow ids', () => {
    const steps = problemsOf(edited((f) => (step(f, 'one_domain').id = 'test_email')));
    expect(steps.map((p) => p.check)).toContain('duplicate_id');
    const choices = problemsOf(edited((f) => ((step(f, 'test_email').choices as { id: string }[])[1]!.id = 'works')));
    expect(choices).toEqual([expect.objectContaining({ check: 'duplicate_id', step: 'test_email', message: 'two choices are called "works"' })]);
    const flows = validateFlows([original, original], ['flows/a.yaml', 'flows/b.yaml']).problems;
    expect(flows).toEqual([expect.objectContaining({ check: 'duplicate_id', file: 'flows/b.yaml', message: 'the flow id is also used in flows/a.yaml' })]);
  });

  it('schema errors: unknown step kind, missing question, a string condition, a missing message', () => {
    const kind = problemsOf(edited((f) => (step(f, 'one_domain').kind = 'speak')));
    expect(kind[0]).toMatchObject({ check: 'schema', step: 'one_domain' });
    const question = problemsOf(edited((f) => delete step(f, 'test_email').question));
    expect(question[0]).toMatchObject({ check: 'schema', step: 'test_email', message: expect.stringContaining('question') });
    const condition = problemsOf(edited((f) => (step(f, 'test_email').next = [{ if: 'test_result == works', then: 'test_worked' }, { else: 'delivery_logs' }])));
    expect(condition[0]).toMatchObject({ check: 'schema', step: 'test_email' });
    const message = problemsOf(edited((f) => delete f.messages.faq_blocked));
    expect(message[0]).toMatchObject({ check: 'schema', message: expect.stringContaining('messages.faq_blocked') });
  });

  it('placeholders the engine cannot fill, and resume / part_of pointing at the wrong kind of step', () => {
    const placeholder = problemsOf(edited((f) => (step(f, 'one_domain').text = 'See {link.contact}')));
    expect(placeholder).toEqual([expect.objectContaining({ check: 'unknown_placeholder', step: 'one_domain', message: expect.stringContaining('"{link.contact}" cannot be filled') })]);
    const resume = problemsOf(edited((f) => (step(f, 'schedule_retry').resume = 'wait_plain')));
    expect(resume.map((p) => [p.check, p.step])).toContainEqual(['bad_reference', 'schedule_retry']);
    const partOf = problemsOf(edited((f) => (step(f, 'retry_check').part_of = 'wait_plain')));
    expect(partOf.map((p) => [p.check, p.step])).toContainEqual(['bad_reference', 'retry_check']);
  });

  it('placeholders nothing fills: an unknown link, an unknown slot, a value given only to other messages', () => {
    const link = problemsOf(edited((f) => (step(f, 'reduce_volume').text = 'Limits: {links.sending_limit}')));
    expect(link).toEqual([
      expect.objectContaining({ check: 'unknown_placeholder', step: 'reduce_volume', message: '"{links.sending_limit}" cannot be filled: there is no link called "sending_limit"' }),
    ]);
    expect(link[0]?.fix).toContain('{links.sending_limits}');
    const slot = problemsOf(edited((f) => (step(f, 'one_domain').text = 'Only {slots.recipient_domian} defers you.')));
    expect(slot).toEqual([expect.objectContaining({ check: 'unknown_placeholder', message: expect.stringContaining('no step or message fills a slot called "recipient_domian"') })]);
    const named = problemsOf(edited((f) => (f.messages.thanks = 'Glad {domain} works.')));
    expect(named).toEqual([expect.objectContaining({ check: 'unknown_placeholder', message: expect.stringContaining('messages.thanks: "{domain}" cannot be filled') })]);
    const ack = problemsOf(edited((f) => ((step(f, 'test_email').next as { say?: string }[])[1]!.say = 'See {hosts}.')));
    expect(ack.map((p) => [p.check, p.step])).toEqual([['unknown_placeholder', 'test_email']]);
    const fine = problemsOf(edited((f) => (step(f, 'one_domain').text = 'Only {slots.recipient_domain} defers you: {code_meaning} {links.contact}')));
    expect(fine).toEqual([]);
  });

  it('a main step without a title', () => {
    const problems = problemsOf(edited((f) => delete step(f, 'test_email').title));
    expect(problems).toEqual([expect.objectContaining({ check: 'missing_title', step: 'test_email', fix: expect.stringContaining('title:') })]);
    expect(problemsOf(edited((f) => delete step(f, 'retry_check').title))).toEqual([]);
  });

  it('loadFlowSet throws a FlowError whose message lists every problem', () => {
    const broken = edited((f) => (step(f, 'test_email').next = 'nowhere'));
    expect(() => loadFlowSet([broken])).toThrow(FlowError);
    try {
      loadFlowSet([broken]);
    } catch (error) {
      expect((error as FlowError).code).toBe('flow_invalid');
      expect((error as Error).message).toContain('flows/smtp-421.yaml, flow smtp_421, step test_email: next goes to "nowhere", which is not a step (unknown_target). Fix:');
    }
    expect(() => loadFlowSet([])).toThrow(/there are no flows/);
  });
});
