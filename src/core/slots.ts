/**
 * Slot names the engine and the escalation policy read. Flows name the same slots in their steps, so a
 * renamed slot in a flow file must be renamed here too (the flow tests fail otherwise).
 */
export const SLOT = {
  replyCode: 'reply_code',
  enhancedStatus: 'enhanced_status',
  variation: 'variation',
  /** temporary | permanent | unknown */
  codeClass: 'code_class',
  recipientDomain: 'recipient_domain',
  /** given | not_sure: the answer to the question asking for the recipient domain */
  recipientAsked: 'recipient_asked',
  remoteHost: 'remote_host',
  provider: 'provider',
  mta: 'mta',
  technical: 'technical',
  waitedMinutes: 'waited_minutes',
  /** one | several */
  domainScope: 'domain_scope',
  /** works | fails */
  testResult: 'test_result',
  /** deferred | failed | not_found */
  logStatus: 'log_status',
} as const;

/** Slots filled from what the user says anywhere, not only as the answer to one step. */
export const CONTEXT_SLOTS: readonly string[] = [
  SLOT.replyCode,
  SLOT.enhancedStatus,
  SLOT.variation,
  SLOT.recipientDomain,
  SLOT.remoteHost,
  SLOT.provider,
  SLOT.mta,
  SLOT.technical,
];
