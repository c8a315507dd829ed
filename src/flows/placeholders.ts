/**
 * The placeholders the engine fills in flow texts, shared by the runtime (which builds the links) and the
 * flow checks (which flag any placeholder nothing would fill).
 */
import type { MessageKey } from './schema.js';

/** Guide and contact URLs the configuration provides, used in flows as `{links.NAME}`. */
export const LINK_NAMES = ['error_codes', 'track_delivery', 'spf_dkim', 'sending_limits', 'contact'] as const;

/** One of `LINK_NAMES`. */
export type LinkName = (typeof LINK_NAMES)[number];

/** Filled in every text: what the known reply code means. */
export const GLOBAL_PLACEHOLDERS: readonly string[] = ['code_meaning'];

/** Named values the engine passes to particular messages, and only to those. */
export const MESSAGE_PLACEHOLDERS: Partial<Record<MessageKey, readonly string[]>> = {
  agent_handback: ['agent'],
  check_mx_found: ['domain', 'hosts'],
  check_mx_missing: ['domain', 'error'],
  check_failed: ['domain', 'error'],
  check_spf_found: ['domain', 'record'],
  check_spf_problem: ['domain', 'error'],
  check_dmarc_found: ['domain', 'record'],
  check_dmarc_problem: ['domain', 'error'],
  check_ptr_found: ['ip', 'record'],
  check_ptr_problem: ['ip', 'error'],
  check_banner_busy: ['host'],
  check_banner_problem: ['host', 'error'],
};
