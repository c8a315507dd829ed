/** Builds the turn dependencies from the data compiled by `npm run build:data` (no training, no file reads). */
import flowsData from '../generated/flows.json' with { type: 'json' };
import modelData from '../generated/model.json' with { type: 'json' };
import type { Config } from '../config.js';
import type { TurnDeps } from '../core/types.js';
import { loadFlowSet } from '../flows/load.js';
import type { LinkName } from '../flows/placeholders.js';
import { loadNlu } from '../nlu/model.js';
import { DEFAULT_POLICY, type EscalationPolicy } from '../handoff/policy-types.js';

export function policyFromConfig(config: Config): EscalationPolicy {
  return {
    ...DEFAULT_POLICY,
    persistentAfterMinutes: Math.round(config.ESCALATE_AFTER_HOURS * 60),
    recurrenceWindowMinutes: Math.round(config.RECURRENCE_WINDOW_HOURS * 60),
  };
}

export function createTurnDeps(config: Config, now: () => number = Date.now): TurnDeps {
  return {
    now,
    newId: () => crypto.randomUUID(),
    flows: loadFlowSet(flowsData),
    nlu: loadNlu(modelData),
    policy: policyFromConfig(config),
    links: linksFromConfig(config),
  };
}

/** Guide URLs the flows refer to as `{links.NAME}`: one per name in `LINK_NAMES`, which the flow checks accept. */
export function linksFromConfig(config: Config): Record<LinkName, string> {
  return {
    error_codes: config.ERROR_CODES_GUIDE_URL,
    track_delivery: config.TRACK_DELIVERY_GUIDE_URL,
    spf_dkim: config.SPF_DKIM_GUIDE_URL,
    sending_limits: config.SENDING_LIMITS_GUIDE_URL,
    contact: config.CONTACT_URL,
  };
}
