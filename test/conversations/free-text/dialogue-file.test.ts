/** A dialogue file that would check less than it says is refused; ours covers every behaviour of issue 11 twice. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OUR_DIALOGUES, readDialogueFile } from './dialogue-file.js';

const dir = mkdtempSync(join(tmpdir(), 'softbounce-dialogue-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CHECKS = ['confirm_error', 'wait_and_retry'];
const write = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const withTurn = (expectation: Record<string, unknown>) => ({
  about: 'test', checks: CHECKS, dialogues: [{ id: 'one', turns: [{ say: 'hi', expect: expectation }] }],
});

describe('readDialogueFile', () => {
  it('reads a well-formed file', () => {
    const file = readDialogueFile(write('good.json', withTurn({ check_in: ['wait_and_retry'], status_in: ['active'], text_any: ['wait|retry'] })));
    expect(file.dialogues[0]?.turns[0]?.expect).toEqual({ check_in: ['wait_and_retry'], status_in: ['active'], text_any: ['wait|retry'] });
  });

  it.each([
    ['an unknown expectation key', { status_is: ['active'] }, /status_is/],
    ['a check not in "checks"', { check_in: ['test_email'] }, /not among "checks": test_email/],
    ['an unknown status', { status_not_in: ['escalted'] }, /status_not_in/],
    ['a broken regular expression', { text_any: ['(unclosed'] }, /not a valid regular expression/],
    ['an empty expectation', {}, /could never fail/],
  ])('refuses %s, naming it', (_, expectation, message) => {
    const path = write('bad.json', withTurn(expectation));
    expect(() => readDialogueFile(path)).toThrow(message);
  });

  it('refuses duplicate ids and names a file it cannot read', () => {
    const twice = { about: 'test', checks: CHECKS, dialogues: [1, 2].map(() => ({ id: 'same', turns: [{ say: 'hi', expect: { not_in_flow: true } }] })) };
    expect(() => readDialogueFile(write('twice.json', twice))).toThrow(/duplicate id "same"/);
    expect(() => readDialogueFile(write('broken.json', '{"about": '))).toThrow(/cannot read the dialogue file .*broken\.json/);
  });
});

describe('our dialogues', () => {
  it('have at least two dialogues for each behaviour of issue 11 (the id prefix)', () => {
    const { dialogues } = readDialogueFile(OUR_DIALOGUES);
    for (const behaviour of ['oos-', 'other-421-', 'welcome-', 'free-text-', 'out-of-order-', 'waited-', 'tech-', 'persistent-']) {
      expect(dialogues.filter((d) => d.id.startsWith(behaviour)).length, behaviour).toBeGreaterThanOrEqual(2);
    }
  });
});
