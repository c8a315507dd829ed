/** AGENT_USER_IDS: who may act on cases besides being in the agents' channel. */
import type { Config } from '../../config.js';

/** The allow-listed user ids; empty means every member of the agents' channel may act. */
export function agentAllowList(config: Pick<Config, 'AGENT_USER_IDS'>): ReadonlySet<string> {
  return new Set(config.AGENT_USER_IDS.split(',').map((id) => id.trim()).filter(Boolean));
}
