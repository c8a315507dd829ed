/**
 * One request on its own connection (node:http, no keep-alive), so a bad input can never leave a pooled
 * connection in a state that makes the next input fail: each answer belongs to exactly one input.
 */
import { request } from 'node:http';
import { counted, summary } from './tally.js';

/** Sends `body` and resolves with the answer as a Response; rejects only when no answer came at all. */
export function sendOnce(url: string, method: string, headers: Record<string, string>, body?: string | Uint8Array): Promise<Response> {
  summary.requestsSent += 1;
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const response = new Response(res.statusCode === 204 ? null : Buffer.concat(chunks), { status: res.statusCode ?? 0 });
        resolve(counted(url, { method }, response));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
