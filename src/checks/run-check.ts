/**
 * The live checks the conversation asks for, on top of a `Resolver` and an optional SMTP greeting reader.
 * Runtime-neutral. It never throws: a problem found and a check that could not be done both come back as
 * `{ ok: false, error }` with a short plain reason, told apart by `lookupFailed`; each check is capped at
 * `timeoutMs` so a hanging lookup cannot stall a turn.
 */
import type { CheckKind, CheckResult } from '../core/types.js';
import { findMailRoute, type MailRoute } from './mail-hosts.js';
import { canonicalIp, normalizeDomain } from './names.js';
import { CheckError, reasons, type Resolver, type SmtpBanner, type SmtpGreeting } from './types.js';

export interface CheckRunnerOptions {
  resolver: Resolver;
  /** Reads a mail server's greeting; only used when `smtpProbe` is on. */
  smtpBanner?: SmtpBanner;
  /** Cap on one whole check, on top of the resolver's and banner reader's own timeouts. */
  timeoutMs: number;
  /** Whether connecting to the recipient's mail server on port 25 is allowed at all. */
  smtpProbe: boolean;
}

/** Performs one check; the shape `createConversations({ runCheck })` takes. */
export type RunCheck = (check: CheckKind, target: string) => Promise<CheckResult>;

type Finding = Omit<CheckResult, 'check' | 'target'>;

const found = (details: string[]): Finding => ({ ok: true, details, lookupFailed: false });
/** The check was done and found a problem. */
const failed = (error: string, details: string[] = []): Finding => ({ ok: false, details, error, lookupFailed: false });
/** The check could not be done. */
const cannot = (error: string, details: string[] = []): Finding => ({ ok: false, details, error, lookupFailed: true });
const reasonOf = (error: unknown) => (error instanceof CheckError ? error.message : 'the lookup failed');
// The DNS did answer: the name does not exist. That is a finding (often a typo), not a failed lookup.
const isFinding = (error: unknown) => error instanceof CheckError && error.code === 'nxdomain';

const noMail = {
  nullMx: 'the domain accepts no mail: it publishes a null MX',
  none: 'the domain has no MX records and no address, so it cannot receive mail',
  noAddress: 'none of its mail servers has an address',
} as const;

function describeRoute(domain: string, route: Extract<MailRoute, { kind: 'hosts' }>): string[] {
  if (route.implicit) {
    return [`no MX records: mail goes to ${domain} itself (${route.hosts[0]?.addresses.join(', ')})`];
  }
  const lines = route.hosts.map(
    (host) => `${host.priority} ${host.exchange} (${host.addresses.join(', ') || 'no address'})`,
  );
  return route.more > 0 ? [...lines, `and ${route.more} more`] : lines;
}

async function checkMx(resolver: Resolver, domain: string): Promise<Finding> {
  const route = await findMailRoute(resolver, domain);
  if (route.kind === 'null_mx') return failed(noMail.nullMx, ['0 . (null MX)']);
  if (route.kind === 'none') return failed(noMail.none);
  const details = describeRoute(domain, route);
  return route.hosts.some((host) => host.addresses.length > 0) ? found(details) : failed(noMail.noAddress, details);
}

function single(records: string[], what: string, none: string): Finding {
  if (records.length === 0) return failed(none);
  if (records.length > 1) return failed(`more than one ${what} record, which receivers treat as an error`, records);
  return found(records);
}

async function checkSpf(resolver: Resolver, domain: string): Promise<Finding> {
  const records = (await resolver.txt(domain)).filter((text) => /^v=spf1(\s|$)/i.test(text.trim()));
  return single(records, 'SPF', 'no SPF record');
}

async function checkDmarc(resolver: Resolver, domain: string): Promise<Finding> {
  let texts: string[];
  try {
    texts = await resolver.txt(`_dmarc.${domain}`);
  } catch (error) {
    if (error instanceof CheckError && error.code === 'nxdomain') return failed('no DMARC record');
    throw error;
  }
  const result = single(texts.filter((text) => /^v=DMARC1\s*(;|$)/i.test(text.trim())), 'DMARC', 'no DMARC record');
  const policy = /(?:^|;)\s*p\s*=\s*([a-z]+)/i.exec(result.details[0] ?? '')?.[1];
  return result.ok && policy ? { ...result, details: [...result.details, `policy: ${policy.toLowerCase()}`] } : result;
}

async function checkPtr(resolver: Resolver, ip: string): Promise<Finding> {
  let names: string[];
  try {
    names = await resolver.ptr(ip);
  } catch (error) {
    if (error instanceof CheckError && error.code === 'nxdomain') names = [];
    else throw error;
  }
  const name = names[0];
  if (!name) return failed('no PTR record for this address');
  const forward = await resolver.addresses(name).catch(() => []);
  const wanted = canonicalIp(ip);
  if (forward.some((address) => canonicalIp(address) === wanted)) return found([...names, `${name} points back to ${ip}`]);
  return failed(`the PTR name ${name} does not point back to ${ip}`, names);
}

function judgeGreeting(host: string, greeting: SmtpGreeting): Finding {
  const details = [host, ...greeting.lines];
  const { code } = greeting;
  if (code === 220) return found(details);
  if (code === 421) return failed('421: the mail server is busy right now, try again later', details);
  if (code >= 400 && code < 500) return failed(`${code}: the mail server is turning connections away for now`, details);
  if (code >= 500 && code < 600) return failed(`${code}: the mail server refuses connections`, details);
  return failed(`unexpected greeting: ${code}`, details);
}

async function checkBanner(options: CheckRunnerOptions, domain: string): Promise<Finding> {
  if (!options.smtpProbe || !options.smtpBanner) return cannot('the SMTP probe is switched off');
  const route = await findMailRoute(options.resolver, domain);
  if (route.kind === 'null_mx') return failed(noMail.nullMx);
  if (route.kind === 'none') return failed(noMail.none);
  const host = route.hosts.find((candidate) => candidate.addresses.length > 0);
  const address = host?.addresses[0];
  if (!host || !address) return failed(noMail.noAddress);
  const label = `${host.exchange} (${address})`;
  try {
    return judgeGreeting(label, await options.smtpBanner(address));
  } catch (error) {
    return cannot(reasonOf(error), [label]);
  }
}

function perform(options: CheckRunnerOptions, check: CheckKind, target: string): Promise<Finding> {
  if (check === 'ptr') {
    return canonicalIp(target) ? checkPtr(options.resolver, target.trim()) : Promise.resolve(cannot('not an IP address'));
  }
  const domain = normalizeDomain(target);
  if (!domain) return Promise.resolve(cannot('not a domain name'));
  switch (check) {
    case 'mx':
      return checkMx(options.resolver, domain);
    case 'spf':
      return checkSpf(options.resolver, domain);
    case 'dmarc':
      return checkDmarc(options.resolver, domain);
    case 'banner':
      return checkBanner(options, domain);
    default:
      return Promise.resolve(cannot('unknown check'));
  }
}

async function capped<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckError('timeout', reasons.timeout)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Builds the `runCheck` the conversation service calls. */
export function createCheckRunner(options: CheckRunnerOptions): RunCheck {
  return async (check, target) => {
    try {
      const finding = await capped(perform(options, check, target), options.timeoutMs);
      return { check, target, ...finding };
    } catch (error) {
      return { check, target, ok: false, details: [], error: reasonOf(error), lookupFailed: !isFinding(error) };
    }
  };
}
