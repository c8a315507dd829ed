/**
 * `npm run -s classify`: reads JSON Lines `{"text": ...}` on stdin and writes one JSON line per input:
 * `{"text","topic","intent","confidence","entities"}`. A malformed line gets an error on stderr and the rest go on
 * (exit code 1 if any line failed). `--model <file>` reads another model than src/generated/model.json.
 */
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadNlu } from '../src/nlu/model.js';

const modelFlag = process.argv.indexOf('--model');
const MODEL_PATH: string =
  (modelFlag > 0 ? process.argv[modelFlag + 1] : undefined) ??
  fileURLToPath(new URL('../src/generated/model.json', import.meta.url));

function readText(line: string): string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error('not valid JSON; expected {"text": "..."}');
  }
  const text = (value as { text?: unknown } | null)?.text;
  if (typeof text !== 'string') throw new Error('missing "text" string; expected {"text": "..."}');
  return text;
}

let modelJson: string;
try {
  modelJson = readFileSync(MODEL_PATH, 'utf8');
} catch {
  process.stderr.write(`classify: ${MODEL_PATH} not found; run npm run build:data first\n`);
  process.exit(1);
}
const nlu = loadNlu(JSON.parse(modelJson));
// A reader that stops early (`| head`) closes the pipe: that ends the run, it is not a crash.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(0);
});
let lineNo = 0;
let failed = 0;
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  lineNo++;
  if (line.trim() === '') continue;
  try {
    const c = nlu.classify(readText(line));
    process.stdout.write(`${JSON.stringify({ text: c.text, topic: c.topic, intent: c.intent, confidence: c.confidence, entities: c.entities })}\n`);
  } catch (err) {
    failed++;
    process.stderr.write(`classify: line ${lineNo}: ${(err as Error).message}\n`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
