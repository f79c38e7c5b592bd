import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { RelayMetrics } from './relay-metrics';
import { UNPUBLISHED } from './published';
import { deletePublishedBefore } from './retention';

interface HousekeepingOptions {
  db: Knex;
  metrics: RelayMetrics;
  logger: Logger;
  metricsIntervalMs: number;
  cleanupIntervalMs: number;
  cleanupBatchSize: number;
  retentionMs: number;
}

/**
 * The backlog gauges. Both walk the xid index from the window's xmin, so their cost follows the
 * backlog (and the rows of transactions still running then), not the retained published rows.
 */
export const BACKLOG_QUERY = `select
  (select count(*) from outbox where ${UNPUBLISHED}) as backlog,
  (select extract(epoch from clock_timestamp() - min(created_at))::float8 from outbox
   where ${UNPUBLISHED}) as age,
  (select count(*) from outbox_parked) as parked`;

/** Refreshes the backlog gauges and applies retention on timers; returns the stop function. */
export function startHousekeeping(o: HousekeepingOptions): () => Promise<void> {
  const refresh = async () => {
    const { rows } = await o.db.raw<{
      rows: Array<{ backlog: string; age: number | null; parked: string }>;
    }>(BACKLOG_QUERY);
    o.metrics.parked.set(Number(rows[0]?.parked ?? 0));
    o.metrics.backlog.set(Number(rows[0]?.backlog ?? 0));
    o.metrics.oldestAge.set(Math.max(0, rows[0]?.age ?? 0));
  };
  const cleanup = async () => {
    const deleted = await deletePublishedBefore(
      o.db,
      new Date(Date.now() - o.retentionMs),
      o.cleanupBatchSize,
    );
    if (deleted > 0) o.logger.info({ deleted }, 'outbox retention cleanup');
  };
  const inFlight = new Set<Promise<void>>();
  const every = (ms: number, task: () => Promise<void>, what: string) => {
    let busy = false;
    return setInterval(() => {
      if (busy) return;
      busy = true;
      const run = task()
        .catch((err: unknown) => o.logger.warn({ err }, `outbox ${what} failed`))
        .finally(() => {
          busy = false;
          inFlight.delete(run);
        });
      inFlight.add(run);
    }, ms);
  };
  const timers = [
    every(o.metricsIntervalMs, refresh, 'metrics refresh'),
    every(o.cleanupIntervalMs, cleanup, 'retention cleanup'),
  ];
  return async () => {
    timers.forEach(clearInterval);
    await Promise.all(inFlight);
  };
}
