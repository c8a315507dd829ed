/**
 * Named graph checks that a schema cannot express: duplicate ids, unknown targets, branches without a default,
 * unreachable steps, main steps without a title, and placeholders the engine cannot fill.
 */
import { GLOBAL_PLACEHOLDERS, LINK_NAMES, MESSAGE_PLACEHOLDERS } from './placeholders.js';
import type { Flow, MessageKey, Next, Step } from './schema.js';

/** One problem in one flow, worded for the person who edits the YAML. */
export interface FlowProblem {
  check: 'schema' | 'duplicate_id' | 'unknown_target' | 'no_default' | 'unreachable' | 'bad_reference' | 'unknown_placeholder' | 'missing_title';
  file: string;
  flow: string;
  step?: string;
  message: string;
  fix: string;
}

const PLACEHOLDER = /\{([^{}]+)\}/g;

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

interface FlowText {
  step?: string;
  /** Where a text outside the steps is, e.g. `messages.thanks`. */
  field?: string;
  text: string;
  named: readonly string[];
}

/** Every text of the flow, with where it is and the named placeholders the engine fills in it. */
function textsOf(flow: Flow): FlowText[] {
  const texts: FlowText[] = Object.entries(flow.messages).map(([key, text]) => ({
    field: `messages.${key}`,
    text,
    named: MESSAGE_PLACEHOLDERS[key as MessageKey] ?? [],
  }));
  for (const [code, text] of Object.entries(flow.codes)) texts.push({ field: `codes.${code}`, text, named: [] });
  for (const [topic, answers] of Object.entries(flow.howto)) {
    for (const [server, text] of Object.entries(answers)) texts.push({ field: `howto.${topic}.${server}`, text, named: [] });
  }
  for (const step of flow.steps) {
    const own = [
      'text' in step ? step.text : undefined,
      step.kind === 'ask' ? step.question : undefined,
      step.kind === 'ask' ? step.rephrase : undefined,
      step.kind === 'schedule' ? step.followup : undefined,
      step.kind === 'ask' ? step.skipped : undefined,
      step.kind === 'ask' ? step.help : undefined,
      ...(step.kind === 'ask' ? Object.values(step.noted ?? {}) : []),
      ...((step.kind === 'ask' || step.kind === 'say') && Array.isArray(step.next) ? step.next.map((branch) => branch.say) : []),
    ];
    for (const text of own) if (text) texts.push({ step: step.id, text, named: [] });
  }
  return texts;
}

/** Slot names the engine can fill as `{slots.NAME}`: those the steps ask for and those it reads from any message. */
function knownSlots(flow: Flow, contextSlots: readonly string[]): Set<string> {
  return new Set([...contextSlots, ...flow.steps.flatMap((step) => (step.kind === 'ask' ? [step.slot] : []))]);
}

/** Why `{name}` cannot be filled in a text, or undefined when it can. */
function placeholderProblem(name: string, named: readonly string[], slots: Set<string>): string | undefined {
  if (GLOBAL_PLACEHOLDERS.includes(name) || named.includes(name)) return undefined;
  const [, head, rest = ''] = /^(links|slots)\.(.+)$/.exec(name) ?? [];
  if (head === 'links') return (LINK_NAMES as readonly string[]).includes(rest) ? undefined : `there is no link called "${rest}"`;
  if (head === 'slots') return slots.has(rest) ? undefined : `no step or message fills a slot called "${rest}"`;
  return 'the engine fills no such value in this text';
}

/** Runs every graph check on one schema-valid flow; `contextSlots` are slots the engine fills outside the steps. */
export function checkFlowGraph(flow: Flow, file: string, contextSlots: readonly string[] = []): FlowProblem[] {
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
      if (!step.part_of && !step.title?.trim()) {
        at(step.id, 'missing_title', 'a main step has no title', 'add a short `title:` (it shows as "Step 2 of 6: <title>")');
      }
      if (step.part_of) {
        const parent = byId.get(step.part_of);
        if (!parent || parent.kind !== 'ask' || parent.part_of) {
          at(step.id, 'bad_reference', `part_of names "${step.part_of}", which is not a main ask step`, 'name the main step this question belongs to');
        }
      }
      for (const slot of step.answered_by ?? []) {
        if (!knownSlots(flow, contextSlots).has(slot)) {
          at(step.id, 'bad_reference', `answered_by names "${slot}", which no step asks for and no message fills`, 'name the slot of another ask step');
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

  const slots = knownSlots(flow, contextSlots);
  const links = LINK_NAMES.map((n) => `{links.${n}}`).join(', ');
  for (const { step, field, text, named } of textsOf(flow)) {
    for (const match of text.matchAll(PLACEHOLDER)) {
      const name = match[1] ?? '';
      const why = placeholderProblem(name, named, slots);
      if (why) {
        const usable = [...GLOBAL_PLACEHOLDERS, ...named].map((n) => `{${n}}`).join(', ');
        at(step, 'unknown_placeholder', `${field ? `${field}: ` : ''}"{${name}}" cannot be filled: ${why}`, `use one of ${links}, {slots.NAME} of an asked slot, or ${usable}`);
      }
    }
  }
  return problems;
}
