/**
 * `npm run -s explain-bounce`: reads one bounce, delay notice, log line or bare SMTP reply on stdin and
 * prints `{ "recipients": [...] }` as JSON. The output shape is a stable interface.
 */
import { parseBounce } from '../src/bounce/index.js';

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const report = parseBounce(Buffer.concat(chunks).toString('utf8'));
process.stdout.write(JSON.stringify(report, null, 2) + '\n');
