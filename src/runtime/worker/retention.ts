/** The daily cron on Workers: erases conversations untouched for RETENTION_DAYS, with everything they hold. */
import type { AppDeps } from '../../http/deps.js';

const DAY_MS = 86_400_000;

/** Applies the retention period once; returns how many conversations were erased. */
export async function purgeExpired(deps: Pick<AppDeps, 'store' | 'config' | 'log' | 'now'>): Promise<number> {
  const retentionDays = deps.config.RETENTION_DAYS;
  try {
    const purged = await deps.store.purgeBefore(deps.now() - retentionDays * DAY_MS);
    deps.log.info('retention purge', { purged, retentionDays });
    return purged;
  } catch (error) {
    deps.log.error('retention purge failed', { error: String(error) });
    throw error;
  }
}
