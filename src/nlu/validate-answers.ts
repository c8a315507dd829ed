/** Checks the `kind: answers` file of `intents/` (slot readers and how-to cues); each problem says the fix. */

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function patternProblems(where: string, list: unknown): string[] {
  if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) return [`${where} must be a list of regular expressions in single quotes`];
  const problems: string[] = [];
  for (const source of list) {
    try {
      new RegExp(source, 'i');
    } catch (err) {
      problems.push(`${where}: ${source} is not a valid regular expression (${(err as Error).message}); fix or quote it`);
    }
  }
  return problems;
}

function slotProblems(name: string, slot: string, cues: unknown): string[] {
  const at = `${name}: slot ${slot}`;
  if (!isRecord(cues) || !isRecord(cues.values)) return [`${at} needs "subject:" (a list) and "values:" (value -> patterns)`];
  const problems = patternProblems(`${at} "subject:"`, cues.subject);
  for (const [value, patterns] of Object.entries(cues.values)) problems.push(...patternProblems(`${at} value ${value}`, patterns));
  if (cues.negated !== undefined) {
    if (!isRecord(cues.negated)) return [...problems, `${at} "negated:" must map a value to the value its denial means`];
    for (const [from, to] of Object.entries(cues.negated)) {
      if (!(from in cues.values) || typeof to !== 'string' || !(to in cues.values)) {
        problems.push(`${at} "negated: ${from}: ${String(to)}" must name two values listed under "values:"`);
      }
    }
  }
  return problems;
}

/** Every problem in one `kind: answers` file. */
export function answerFileProblems(name: string, c: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (!isRecord(c.slots)) problems.push(`${name}: "slots:" must map slot names to their cues`);
  else for (const [slot, cues] of Object.entries(c.slots)) problems.push(...slotProblems(name, slot, cues));
  if (!isRecord(c.polar)) problems.push(`${name}: "polar:" must map yes, no and not_sure to opening patterns`);
  else for (const key of ['yes', 'no', 'not_sure']) problems.push(...patternProblems(`${name}: polar ${key}`, c.polar[key]));
  problems.push(...patternProblems(`${name}: "clarify:"`, c.clarify));
  problems.push(...patternProblems(`${name}: "vague:"`, c.vague));
  const howto = c.howto;
  if (!isRecord(howto) || !isRecord(howto.topics)) return [...problems, `${name}: "howto:" needs "asking:" and "topics:"`];
  problems.push(...patternProblems(`${name}: howto "asking:"`, howto.asking));
  for (const [topic, patterns] of Object.entries(howto.topics)) problems.push(...patternProblems(`${name}: howto topic ${topic}`, patterns));
  return problems;
}
