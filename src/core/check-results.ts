/**
 * Saying what a live check found, in a line or two. The recipient's MX check comes from the domain the user
 * named; a successful one is followed by a look at its mail server's greeting (silent when the probe is
 * off). Side checks (SPF, DMARC, PTR) end with the waiting question asked again. A check that could not
 * be done is mentioned, never fatal.
 */
import type { MessageKey } from '../flows/schema.js';
import { repeatQuestion } from './message.js';
import { firstTime, sayMessage, type Turn } from './turn.js';
import type { CheckResult } from './types.js';

function mxResult(turn: Turn, result: CheckResult): void {
  const domain = result.target;
  if (result.ok) {
    sayMessage(turn, 'check_mx_found', { domain, hosts: result.details.slice(0, 2).join('; ') });
    if (firstTime(turn, `check_banner:${domain}`)) turn.outputs.push({ kind: 'check', check: 'banner', target: domain });
    return;
  }
  const error = result.error ?? 'no answer';
  sayMessage(turn, result.lookupFailed === false ? 'check_mx_missing' : 'check_failed', { domain, error });
}

/** Only a greeting that was actually read is worth a word; the probe being off or unreachable is not. */
function bannerResult(turn: Turn, result: CheckResult): void {
  if (result.ok || result.lookupFailed !== false) return;
  const host = result.details[0] ?? result.target;
  const error = result.error ?? '';
  if (error.startsWith('421')) sayMessage(turn, 'check_banner_busy', { host });
  else sayMessage(turn, 'check_banner_problem', { host, error });
}

const SIDE_MESSAGES: Record<'spf' | 'dmarc' | 'ptr', { found: MessageKey; problem: MessageKey; name: 'domain' | 'ip' }> = {
  spf: { found: 'check_spf_found', problem: 'check_spf_problem', name: 'domain' },
  dmarc: { found: 'check_dmarc_found', problem: 'check_dmarc_problem', name: 'domain' },
  ptr: { found: 'check_ptr_found', problem: 'check_ptr_problem', name: 'ip' },
};

function sideResult(turn: Turn, result: CheckResult, check: 'spf' | 'dmarc' | 'ptr'): void {
  const messages = SIDE_MESSAGES[check];
  const error = result.error ?? 'no answer';
  if (result.lookupFailed) return sayMessage(turn, 'check_failed', { domain: result.target, error });
  if (result.ok) return sayMessage(turn, messages.found, { [messages.name]: result.target, record: result.details[0] ?? '' });
  sayMessage(turn, messages.problem, { [messages.name]: result.target, error });
}

/** Acts on one check result; nothing is said while an agent has the conversation. */
export function checkResult(turn: Turn, result: CheckResult): void {
  const { state } = turn;
  if (state.handler === 'human') return;
  const key = `${result.check}:${result.target}`;
  const pending = state.pendingChecks ?? [];
  if (result.check === 'mx') return mxResult(turn, result);
  if (result.check === 'banner') return bannerResult(turn, result);
  if (!pending.includes(key)) return;
  const rest = pending.filter((k) => k !== key);
  if (rest.length > 0) state.pendingChecks = rest;
  else delete state.pendingChecks;
  sideResult(turn, result, result.check);
  if (rest.length === 0) repeatQuestion(turn);
}
