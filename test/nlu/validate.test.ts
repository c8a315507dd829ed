import { describe, expect, it } from 'vitest';
import { readIntentFiles } from '../../scripts/build-model.js';
import { validateIntents } from '../../src/nlu/validate.js';

const real = readIntentFiles();
const entities = real.find((f) => (f.content as { kind?: string }).kind === 'entities');

/** The real files with one replaced or added. */
function withFile(name: string, content: unknown): { name: string; content: unknown }[] {
  return [...real.filter((f) => f.name !== name), { name, content }];
}

describe('validateIntents', () => {
  it('accepts the files in intents/', () => {
    expect(validateIntents(real)).toEqual([]);
  });

  it('names the file and the fix for an unknown topic', () => {
    const problems = validateIntents(withFile('intents/extra.yaml', { kind: 'topic', topic: 'billing', examples: ['a'] }));
    expect(problems).toEqual([expect.stringMatching(/^intents\/extra\.yaml: "topic: billing" is not a topic; use one of delivery_temporary/)]);
  });

  it('flags an intent with too few phrases and an unknown intent name', () => {
    const problems = validateIntents(
      withFile('intents/extra.yaml', { kind: 'intent', intents: { yes: { examples: ['yes indeed'] }, maybe_later: { examples: [] } } }),
    );
    expect(problems).toContainEqual(expect.stringMatching(/intents\/extra\.yaml: intent yes has 1 phrases; add examples/));
    expect(problems).toContainEqual(expect.stringMatching(/"maybe_later" is not an intent that can be trained here/));
  });

  it('flags an exact phrase claimed by two intents and non-string values', () => {
    const problems = validateIntents(
      withFile('intents/extra.yaml', {
        kind: 'intent',
        intents: { no: { exact: ['Yes!', 'a', 'b', 'c', 'd', 'e', 'f', 'g'], examples: [true] } },
      }),
    );
    expect(problems).toContainEqual(expect.stringMatching(/exact phrase "Yes!" belongs to both yes and no/));
    expect(problems).toContainEqual(expect.stringMatching(/intent no: "examples:" must be a list of strings; quote values/));
  });

  it('flags an example listed under two topics', () => {
    const problems = validateIntents(
      withFile('intents/extra.yaml', { kind: 'topic', topic: 'out_of_scope', examples: Array(8).fill('550 No such user here') }),
    );
    expect(problems).toContainEqual(expect.stringMatching(/"550 No such user here" is listed under both delivery_permanent and out_of_scope/));
  });

  it('flags a broken entity pattern and a missing topic', () => {
    const broken = { ...(entities?.content as object), technical: ['(unclosed'] };
    const files = withFile(entities?.name ?? '', broken).filter((f) => !f.name.includes('mail-other'));
    const problems = validateIntents(files);
    expect(problems).toContainEqual(expect.stringMatching(/"technical:" entry \(unclosed is not a valid regular expression/));
    expect(problems).toContainEqual('intents/: no file trains topic mail_other; add a "kind: topic" file for it');
  });

  it('names a cue pattern that YAML read as a mapping', () => {
    const content = entities?.content as { temporaryCues: { strong: unknown[]; weak: unknown[] } };
    const broken = { ...content, temporaryCues: { ...content.temporaryCues, weak: ['\\bdelayed\\b', { '(?': 'later)' }] } };
    expect(validateIntents(withFile(entities?.name ?? '', broken))).toEqual([
      `${entities?.name}: "temporaryCues.weak:" entry 2 ({"(?":"later)"}) is not plain text; put it in single quotes`,
    ]);
  });

  it('flags a file that is not a mapping', () => {
    expect(validateIntents(withFile('intents/empty.yaml', null))).toEqual([
      'intents/empty.yaml: the file is not a mapping; start it with "kind: topic", "kind: intent", "kind: entities" or "kind: answers"',
    ]);
  });
});
