/**
 * Reason categories for a failed recipient, named like Sisimai's reasons so results compare with its corpus.
 * The server's own words decide first (they are more specific than codes, which many servers reuse); the
 * enhanced status code decides when the words say nothing we recognise.
 */

/** Phrase rules, most specific first. The first rule whose pattern matches the error text wins. */
const PHRASES: Array<[string, RegExp]> = [
  ['greylisted', /gr[ae]y ?list|try again in \d+ (?:seconds|minutes)/i],
  ['virusdetected', /virus|malware|infected|trojan/i],
  ['failedstarttls', /starttls|tls (?:is )?required|must issue a starttls|encryption required/i],
  ['requireptr', /ptr (?:resource )?record|dns ptr|reverse dns|reverse (?:hostname|lookup)|\brdns\b|no (?:dns )?ptr|cannot find your hostname|not have a reverse|ip name lookup failed|mismatches client ip|\bhostname (?:does not|doesn't) match/i],
  ['authfailure', /\b(?:spf|dkim|dmarc)\b.*(?:fail|reject|check|authenticat|polic|record|not allowed)|(?:fail|reject)\w*.*\b(?:spf|dkim|dmarc)\b|unauthenticated (?:email|mail)|not authenticated/i],
  ['badreputation', /reputation|user complaints|sender score|unusual rate of unsolicited/i],
  ['speeding', /too many \w+ (?:this|per|an|in the last) (?:hour|minute|day|second)/i],
  ['toomanyconn', /too many (?:connections|concurrent|sessions|simultaneous|recipients)|connection (?:count |rate )?limit|frequency limit|max(?:imum)? (?:number of )?connections|\bconnections? (?:per|from your)/i],
  ['speeding', /rate limit|ratelimit|too fast|sending rate|too many (?:messages|mails|emails)|exceeded the (?:rate|limit)|unusual (?:rate|amount)|receiving mail at a rate/i],
  ['notcompliantrfc', /not (?:rfc ?\d* ?|standards? )compliant|rfc ?5322|duplicate header|multiple (?:\w+ )?(?:addresses in from|from|subject|date|to) (?:addresses|headers?)?|multiple addresses in from|bare lf/i],
  ['spamdetected', /\bspam\b|junk mail|unsolicited|bulk mail|\bUBE\b|message (?:looks|appears) (?:like|to be) spam/i],
  ['norelaying', /no relaying|relay(?:ing)? (?:access )?(?:denied|not permitted|not allowed|prohibited)|unable to relay|we do not relay|not (?:permitted|allowed) to relay|open relay/i],
  ['policyviolation', /\bpolicy\b.*(?:violat|reject|restrict|reasons)|violat\w* .*policy|prohibited|not allowed by policy|contains? (?:prohibited|forbidden)/i],
  ['systemfull', /system (?:is )?full|insufficient (?:system|disk) (?:storage|space)|out of (?:disk )?space|disk (?:is )?full|spool (?:is )?full/i],
  ['mailboxfull', /mailbox (?:is )?full|over ?quota|quota (?:exceeded|full)|exceeded (?:storage|quota)|mailbox size limit|disk quota|user.{0,20}over.{0,10}quota|mailbox has exceeded|no space left|full mailbox/i],
  ['exceedlimit', /exceeds? (?:the )?(?:mailbox|per-mailbox|recipient) (?:size|limit)|exceeds limit set by recipient/i],
  ['mesgtoobig', /message (?:is )?too (?:big|large)|message size exceeds|size limit|exceeds? (?:the )?(?:maximum|max|fixed)? ?(?:message )?size|message length exceeds/i],
  ['suspend', /(?:account|mailbox|user|address|recipient)\b.{0,40}\b(?:suspended|disabled|deactivated|inactive|frozen|locked|closed)|(?:suspended|disabled|deactivated|inactive) (?:account|mailbox|user)|temporar\w* locked|account is unavailable/i],
  ['hasmoved', /has moved|no longer (?:valid|available|at)|moved to/i],
  ['rejected', /sender (?:address )?(?:rejected|denied|refused|not allowed|verify failed)|envelope sender|mail from.*(?:rejected|refused)|domain of sender|sender domain (?:must|does not)/i],
  ['filtered', /recipient preferences|not wanted|does not want|content restriction/i],
  ['userunknown', /user (?:unknown|not found|does not exist|doesn't exist)|unknown (?:user|recipient|local ?part|mailbox)|no such (?:user|mailbox|recipient|address|account|local user)|mailbox (?:not found|unavailable|does not exist|doesn't exist|is unavailable|not available)|recipient (?:not found|unknown|does not exist|rejected)|invalid (?:recipient|mailbox|address)|address (?:does not exist|not found|unknown)|does not exist|not a valid (?:mailbox|recipient|user)|undeliverable address|no mailbox|account (?:does not exist|not found)|bad destination mailbox|not listed in|user doesn't have|unrouteable address|address couldn't be found|recipient invalid/i],
  ['blocked', /block ?list|black ?list|blocked|\bdnsbl\b|\brbl\b|spamhaus|barracudacentral|listed (?:at|in|on)|client host (?:.* )?rejected|access denied|\bdyn:t1\b|connection refused|refused to talk|service refused|service refuse|not accepting (?:mail|connections) from|not accepting connections/i],
  ['notaccept', /does not accept mail|doesn't receive (?:e-?)?mail|does not receive (?:e-?)?mail|null mx|no mail service|not accept(?:ing)? (?:any )?mail/i],
  ['hostunknown', /host (?:or domain )?(?:name )?(?:not found|unknown)/i],
  ['networkerror', /dns error|dns query failed|name service error|dns (?:failure|lookup|timeout)/i],
  ['hostunknown', /unknown (?:host|domain)|domain (?:not found|does not exist|doesn't exist)|no such domain|name or service not known|nxdomain|unrouteable (?:mail )?domain|no (?:valid )?mx|domain name not found|host not found/i],
  ['expired', /expired|failing for a long time|not (?:been )?delivered within|delivery failed \d+ attempts|aborted after|too long in (?:the )?queue|retry time(?:out)? (?:not reached|exceeded)|could not be delivered (?:for|within) \d|has been delayed|delivery time expired|message timeout|timed out.*queue|giving up|still being retried|will be retried|been in the queue too long|not been delivered for|delayed/i],
  ['networkerror', /network (?:error|failure|problem|(?:is )?unreachable)|name server|routing loop|mail loop|loops back|too many hops|hop count|connection (?:timed out|reset|closed|lost|dropped)|timed out|timeout|unreachable|socket error|could not connect|unable to connect|no route to host|lost connection/i],
  ['systemerror', /system error|internal (?:server )?error|server error|local error|temporary (?:server|system|local) (?:failure|error|problem)|unexpected failure|fork failed|resources? (?:temporarily )?unavailable|ldap|server busy|service (?:\w+ )?(?:not |un)available|transaction failed|try again later|downstream|configuration error|misconfigur/i],
  ['mailererror', /mailer error|command (?:died|failed)|exit code|exited with|pipe to|procmail|mail\.local|unknown mailer|sh: /i],
  ['contenterror', /content (?:error|type|encoding)|media error|invalid content|header (?:error|syntax)|encoding error|malformed|illegal characters?|\bmime\b/i],
  ['syntaxerror', /syntax error|command not recognized|unrecognized command|bad sequence of commands|command (?:not implemented|unrecognized)|parameter not implemented/i],
  ['securityerror', /not authori[sz]ed/i],
  ['rejected', /rejected|refused|denied|not permitted/i],
  ['securityerror', /not authori[sz]ed|authenticat|security|forged|spoof|unauthori[sz]ed|encryption|certificate/i],
  ['filtered', /filter|refuses? (?:your )?(?:mail|message)/i],
];

/** Enhanced codes whose meaning is unambiguous: they decide before any words. */
const DECISIVE: Array<[string, string]> = [
  ['.1.6', 'hasmoved'], ['.1.7', 'rejected'], ['.1.8', 'rejected'], ['.2.3', 'exceedlimit'],
  ['.3.4', 'mesgtoobig'], ['.7.25', 'requireptr'], ['.7.26', 'authfailure'], ['.7.27', 'notaccept'],
];

/** Enhanced-status fallbacks when the words say nothing, matched on the longest prefix (".2.2" before ".2"). */
const BY_STATUS: Array<[string, string]> = [
  ['.1.1', 'userunknown'], ['.1.0', 'userunknown'], ['.1.2', 'hostunknown'], ['.1.3', 'userunknown'], ['.1.10', 'notaccept'],
  ['.2.0', 'filtered'], ['.2.1', 'suspend'], ['.2.2', 'mailboxfull'], ['.2.4', 'systemerror'],
  ['.3.1', 'systemfull'], ['.3.5', 'systemerror'], ['.3', 'systemerror'],
  ['.4.1', 'networkerror'], ['.4.2', 'networkerror'], ['.4.3', 'systemerror'], ['.4.4', 'hostunknown'],
  ['.4.5', 'systemfull'], ['.4.6', 'networkerror'], ['.4.7', 'expired'], ['.4', 'networkerror'],
  ['.5.3', 'toomanyconn'], ['.5', 'syntaxerror'], ['.6', 'contenterror'],
  ['.7.1', 'rejected'], ['.7.23', 'authfailure'], ['.7.24', 'authfailure'], ['.7', 'securityerror'],
];

/**
 * The reason category for an error text and its codes: `onhold` when there is something but nothing we
 * recognise, `undefined` when there is nothing at all.
 */
export function reasonOf(text: string, enhancedStatus: string, replyCode: string, delayed: boolean): string {
  const tail = enhancedStatus.slice(1);
  for (const [code, reason] of DECISIVE) if (tail === code) return reason;
  // URLs keep only their host; the code prefixes of multi-line replies ("550-5.7.1") would split phrases.
  const words = text
    .replace(/\b(?:https?|ftp):\/\/([^\s/?#]+)\S*/gi, ' $1 ')
    .replace(/(?:^|\s)[45]\d\d[- ][245]\.\d{1,3}\.\d{1,3}(?=\s)/g, ' ')
    .replace(/\s+/g, ' ');
  for (const [reason, pattern] of PHRASES) if (pattern.test(words)) return reason;
  if (delayed) return 'expired';
  let best = '';
  let bestLength = 0;
  for (const [prefix, reason] of BY_STATUS) {
    if ((tail === prefix || tail.startsWith(prefix + '.')) && prefix.length > bestLength) {
      best = reason;
      bestLength = prefix.length;
    }
  }
  if (best) return best;
  if (replyCode === '421') return 'systemerror';
  if (replyCode === '552') return 'mailboxfull';
  if (replyCode === '554') return 'rejected';
  return text.trim() || enhancedStatus || replyCode ? 'onhold' : 'undefined';
}
