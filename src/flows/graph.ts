/**
 * Named graph checks that a schema cannot express: duplicate ids, unknown targets, branches without a default,
 * unreachable steps, and placeholders the engine cannot fill.
 */
import type { Flow, Next, Step } from './schema.js';

/** One problem in one flow, worded for the person who edits the YAML. */
export interface FlowProblem {
  check: 'schema' | 'duplicate_id' | 'unknown_target' | 'no_default' | 'unreachable' | 'bad_reference' | 'unknown_placeholder';
  file: string;
  flow: string;
  step?: string;
  message: string;
  fix: string;
}

const PLACEHOLDER = /\{([^{}]+)\}/g;
const NAMED_PLACEHOLDERS = new Set(['code_meaning', 'domain', 'hosts', 'agent', 'error']);

/** Step ids a step can lead to, with the field that names each one. */
export function targetsOf(step: Step): { field: string; target: string }[] {
  const fromNext = (next: Next): { field: string; target: string }[] =>
    typeof next === 'string'
      ? [{ field: 'next', target: next }]
      : next.map((branch, i) => ({ field: `next[${i}]`, target: 'then' in branch ? branch.then : branch.else }));
  switch (step.kind) {
    case 'ask':
    case 'say':
      return fromNext(step.next);
    case 'schedule':
      return [{ field: 'resume', target: step.resume }];
    case 'handoff':
      return [{ field: 'otherwise', target: step.otherwise }];
    case 'end':
      return [];
  }
}

function textsOf(flow: Flow): { step?: string; text: string }[] {
  const texts: { step?: string; text: string }[] = Object.values(flow.messages).map((text) => ({ text }));
  for (const text of Object.values(flow.codes)) texts.push({ text });
  for (const step of flow.steps) {
    const own = [
      'text' in step ? step.text : undefined,
      step.kind === 'ask' ? step.question : undefined,
      step.kind === 'ask' ? step.rephrase : undefined,
      step.kind === 'schedule' ? step.followup : undefined,
    ];
    for (const text of own) if (text) texts.push({ step: step.id, text });
  }
  return texts;
}

/** Runs every graph check on one schema-valid flow. */
export function checkFlowGraph(flow: Flow, file: string): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const at = (step: string | undefined, check: FlowProblem['check'], message: string, fix: string) =>
    problems.push({ check, file, flow: flow.id, ...(step ? { step } : {}), message, fix });
  const byId = new Map<string, Step>();
  for (const step of flow.steps) {
    if (byId.has(step.id)) at(step.id, 'duplicate_id', `two steps are called "${step.id}"`, 'give each step its own id');
    byId.set(step.id, step);
  }
  if (!byId.has(flow.start)) at(undefined, 'unknown_target', `start names "${flow.start}", which is not a step`, 'set start to the id of the first step');

  for (const step of flow.steps) {
    for (const { field, target } of targetsOf(step)) {
      if (!byId.has(target)) at(step.id, 'unknown_target', `${field} goes to "${target}", which is not a step`, 'point it at an existing step id, or add that step');
    }
    if ((step.kind === 'ask' || step.kind === 'say') && Array.isArray(step.next)) {
      const lastIndex = step.next.length - 1;
      step.next.forEach((branch, i) => {
        if ('else' in branch && i !== lastIndex) at(step.id, 'no_default', `next[${i}] is an else before the last branch`, 'move the else branch to the end');
      });
      const last = step.next[lastIndex];
      if (!last || !('else' in last)) at(step.id, 'no_default', 'the branches have no default', 'end the list with `- else: <step id>` for answers no condition matches');
    }
    if (step.kind === 'schedule' && byId.get(step.resume)?.kind !== 'ask' && byId.has(step.resume)) {
      at(step.id, 'bad_reference', `resume goes to "${step.resume}", which does not ask anything`, 'point resume at an ask step');
    }
    if (step.kind === 'ask') {
      if (step.part_of) {
        const parent = byId.get(step.part_of);
        if (!parent || parent.kind !== 'ask' || parent.part_of) {
          at(step.id, 'bad_reference', `part_of names "${step.part_of}", which is not a main ask step`, 'name the main step this question belongs to');
        }
      }
      const seen = new Set<string>();
      for (const choice of step.choices) {
        if (seen.has(choice.id)) at(step.id, 'duplicate_id', `two choices are called "${choice.id}"`, 'give each choice its own id');
        seen.add(choice.id);
      }
    }
  }

  const reached = new Set<string>();
  const queue = byId.has(flow.start) ? [flow.start] : [];
  while (queue.length > 0) {
    const current = queue.pop() as string;
    if (reached.has(current)) continue;
    reached.add(current);
    const step = byId.get(current);
    if (step) for (const { target } of targetsOf(step)) if (byId.has(target)) queue.push(target);
  }
  for (const step of flow.steps) {
    if (!reached.has(step.id)) at(step.id, 'unreachable', 'no path from the start leads here', 'link to it from another step, or delete it');
  }

  for (const { step, text } of textsOf(flow)) {
    for (const match of text.matchAll(PLACEHOLDER)) {
      const name = match[1] ?? '';
      if (!NAMED_PLACEHOLDERS.has(name) && !/^(links|slots)\.[a-z][a-z0-9_]*$/.test(name)) {
        at(step, 'unknown_placeholder', `"{${name}}" cannot be filled`, `use {links.NAME}, {slots.NAME} or one of ${[...NAMED_PLACEHOLDERS].map((n) => `{${n}}`).join(', ')}`);
      }
    }
  }
  return problems;
}
