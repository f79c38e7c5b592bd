import type { Knex } from 'knex';
import { Gauge, type Registry } from 'prom-client';
import { openExceptions, type OpenExceptions } from '../../adapters/db/open-exceptions';

/**
 * o2c_exceptions_open and o2c_exception_oldest_open_age_seconds by kind, read at scrape time.
 * A kind once seen stays at 0 when none is open, rather than vanishing from the scrape.
 */
export function exceptionGauges(registry: Registry, db: Knex, now: () => number): void {
  // One query per scrape serves both gauges (prom-client collects them concurrently).
  let scraping: Promise<OpenExceptions[]> | undefined;
  const open = () =>
    (scraping ??= openExceptions(db).finally(() => {
      scraping = undefined;
    }));
  const kinds = new Set<string>();
  const collect = (value: (e: OpenExceptions) => number) =>
    async function (this: Gauge) {
      const rows = await open();
      for (const r of rows) kinds.add(r.kind);
      for (const kind of kinds) {
        const row = rows.find((r) => r.kind === kind);
        this.set({ kind }, row ? value(row) : 0);
      }
    };
  new Gauge({
    name: 'o2c_exceptions_open',
    help: 'Exceptions raised and not settled yet (no delivery of their order since), by kind',
    labelNames: ['kind'],
    registers: [registry],
    collect: collect((e) => e.count),
  });
  new Gauge({
    name: 'o2c_exception_oldest_open_age_seconds',
    help: 'Age of the oldest open exception, by kind (0 when none is open)',
    labelNames: ['kind'],
    registers: [registry],
    collect: collect((e) => Math.max(0, now() - e.oldestAt) / 1000),
  });
}
