import { createDb, databaseUrlFor } from '@o2c/db';
import { readInboxRetention } from '@o2c/inbox';
import { serviceDatabaseName } from '../contracts';
import { OpsError } from '../errors';

export interface Horizon {
  /** Events older than this are no longer deduplicated by some consumer's inbox. */
  at: number;
  /** Where the figure comes from, for the refusal message and the dry run. */
  source: string;
}

/**
 * The oldest instant a replay may start from. With `service:group` consumers given, each one's
 * declared inbox retention (libs/inbox `inbox_retention`: now − retention, or later if rows were
 * purged later) counts, and --dedupe-window only for consumers that declared none.
 */
export async function dedupeHorizon(
  postgresAdminUrl: string,
  consumers: string[],
  dedupeWindowMs: number,
  now = Date.now(),
): Promise<Horizon> {
  if (consumers.length === 0) return { at: now - dedupeWindowMs, source: '--dedupe-window' };
  let horizon: Horizon = { at: Number.NEGATIVE_INFINITY, source: '' };
  for (const consumer of consumers) {
    const [service, group] = consumer.split(':');
    if (!service || !group)
      throw new OpsError('USAGE', `--consumer expects service:group, got '${consumer}'`);
    const db = createDb(databaseUrlFor(postgresAdminUrl, serviceDatabaseName(service)), {
      poolMax: 1,
    });
    try {
      const retention = await readInboxRetention(db, group).catch((error: unknown) => {
        throw new OpsError('FAILED', `cannot read the inbox retention of ${consumer}`, {
          cause: error,
        });
      });
      const at = retention
        ? Math.max(
            now - retention.retentionMs,
            retention.purgedBefore?.getTime() ?? Number.NEGATIVE_INFINITY,
          )
        : now - dedupeWindowMs;
      if (at > horizon.at)
        horizon = {
          at,
          source: retention
            ? `inbox of ${consumer}`
            : `--dedupe-window (${consumer} declared none)`,
        };
    } finally {
      await db.destroy();
    }
  }
  return horizon;
}
