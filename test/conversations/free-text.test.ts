/**
 * Free-text dialogues through the real app over real HTTP: the Node server runs as a child process, each dialogue
 * is one Direct Line conversation, and each turn is judged by the dialogue file's own expectations. The shared dev
 * dialogues are read as they are now, never copied; ours cover each behaviour of issue 11 in the same format.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, assert, beforeAll, describe, it } from 'vitest';
import flowsData from '../../src/generated/flows.json' with { type: 'json' };
import { loadFlowSet } from '../../src/flows/load.js';
import { startServer, type ServerProcess } from '../conversation/server-process.js';
import { DirectLineClient } from '../e2e/direct-line-client.js';
import { DEV_DIALOGUES, OUR_DIALOGUES, readDialogueFile } from './free-text/dialogue-file.js';
import { playOverDirectLine } from './free-text/direct-line-player.js';
import { judgeDialogue, subStepsOf } from './free-text/expect.js';
import { describeFailures } from './free-text/report.js';

const SECRET = 'free-text-dialogues-secret-0123456789';
const SUB_STEPS = subStepsOf(loadFlowSet(flowsData));
/** A dialogue takes well under a second; this only bounds a server that hangs. */
const DIALOGUE_TIMEOUT_MS = 30_000;

let server: ServerProcess | undefined;
let dataDir: string | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'softbounce-free-text-'));
  // The settings the expectations assume, whatever the developer's environment says.
  server = await startServer({
    DATA_DIR: dataDir,
    DIRECT_LINE_SECRET: SECRET,
    RATE_LIMIT_PER_MINUTE: '1000',
    LIVE_CHECKS: 'false',
    ESCALATE_AFTER_HOURS: '4',
  });
}, 60_000);

afterAll(async () => {
  await server?.crash();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

for (const [title, path] of [['dialogues-dev.json (shared)', DEV_DIALOGUES], ['our dialogues (issue 11)', OUR_DIALOGUES]] as const) {
  const file = readDialogueFile(path);
  const rules = { checks: file.checks, subSteps: SUB_STEPS };
  describe(`free-text ${title} over Direct Line`, () => {
    for (const dialogue of file.dialogues) {
      it(dialogue.id, async () => {
        const running = server;
        if (!running) throw new Error('the server did not start');
        // A dialogue that cannot be played (an HTTP error, no answer) is explained by what the server printed.
        const played = await playOverDirectLine(new DirectLineClient(running.url, SECRET), dialogue).catch((error: unknown) => {
          throw new Error(`dialogue "${dialogue.id}" could not be played: ${String(error)}\nthe server printed:\n${running.output().slice(-4_000)}`);
        });
        const failures = judgeDialogue(played, rules);
        if (failures.length > 0) assert.fail(describeFailures(dialogue.id, played, failures, rules));
      }, DIALOGUE_TIMEOUT_MS);
    }
  });
}
