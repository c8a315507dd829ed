/**
 * Mail-server log lines: Postfix delivery lines (`to=<...>, relay=..., dsn=..., status=deferred (...)`)
 * and Exim delivery lines (`== addr ... defer (...)` for deferrals, `** addr ...` for failures).
 */
import { cleanAddress } from './dsn.js';
import { findAttemptedHost, findRemoteHost } from './host.js';

/** What one log line says about one recipient, before codes and reasons are read from `text`. */
export interface LogEntry {
  address: string;
  /** The delivery outcome the MTA logged: true deferred (still queued), false bounced. */
  deferred: boolean;
  enhancedStatus: string;
  remoteHost: string;
  /** The part of the line that quotes the remote server or explains the failure. */
  text: string;
}

const POSTFIX = /\bto=<([^>]*)>.*?\bstatus=(deferred|bounced|undeliverable|expired|sent)\b\s*(?:\((.*)\))?/i;
const POSTFIX_DSN = /\bdsn=([245]\.\d{1,3}\.\d{1,3})\b/i;
const POSTFIX_RELAY = /\brelay=([^\s,\[]+)(?:\[([^\]]+)\])?/i;
const EXIM = /(?:^|\s)(==|\*\*)\s+(\S+@\S+)(?:\s+<[^>]*>)?\s+(.*)$/;

/**
 * Parses the delivery lines in the text, one entry per recipient: a queue retried several times logs the
 * same address again and again, and the latest attempt is the one that counts.
 */
export function parseLogLines(text: string): LogEntry[] {
  const byAddress = new Map<string, LogEntry>();
  for (const line of text.split('\n')) {
    const entry = parsePostfix(line) ?? parseExim(line);
    if (entry) byAddress.set(entry.address.toLowerCase(), entry);
  }
  return [...byAddress.values()];
}

function parsePostfix(line: string): LogEntry | null {
  const m = POSTFIX.exec(line);
  if (!m) return null;
  const outcome = (m[2] ?? '').toLowerCase();
  if (outcome === 'sent') return null;
  const detail = m[3] ?? '';
  const relay = POSTFIX_RELAY.exec(line);
  const relayHost = relay && relay[1] !== 'none' ? (relay[1] ?? '') : '';
  return {
    address: cleanAddress(m[1] ?? ''),
    deferred: outcome === 'deferred',
    enhancedStatus: POSTFIX_DSN.exec(line)?.[1] ?? '',
    remoteHost: findRemoteHost(detail) || relayHost || findAttemptedHost(detail),
    text: detail,
  };
}

function parseExim(line: string): LogEntry | null {
  const m = EXIM.exec(line);
  if (!m) return null;
  const rest = m[3] ?? '';
  const deferred = m[1] === '==';
  const explained = /(?:SMTP error|defer \(|:\s*[45]\d\d[ -]|retry|timeout|timed out|refused|unrouteable|Unrouteable)/i.test(rest);
  if (!explained && !/\b[RT]=/.test(rest)) return null;
  return {
    address: cleanAddress(m[2] ?? ''),
    deferred,
    enhancedStatus: '',
    remoteHost: findRemoteHost(rest) || findAttemptedHost(rest),
    text: rest,
  };
}
