/** Structured JSON logs with emails and IP addresses redacted. */

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
type Level = (typeof LEVELS)[number];

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;
const IPV6 = /\b(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{1,4}\b/gi;

/** Replaces email addresses and IPs in any string inside `value`. */
export function redact(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(EMAIL, '[email]').replace(IPV4, '[ip]').replace(IPV6, '[ip]');
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v)]));
  }
  return value;
}

export function createLogger(level: Level, write: (line: string) => void = (line) => console.log(line)): Logger {
  const threshold = LEVELS.indexOf(level);
  const emit = (at: Level) => (message: string, fields: LogFields = {}) => {
    if (LEVELS.indexOf(at) < threshold) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: at, msg: redact(message), ...(redact(fields) as LogFields) }));
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
