import type { Knex } from 'knex';
import { Gauge, type Registry } from 'prom-client';
import { openBillMismatches } from '../../adapters/db/vendor-bill-repository';

const KIND = { kind: 'vendor_bill_mismatch' };

/**
 * o2c_exceptions_open and o2c_exception_oldest_open_age_seconds{kind="vendor_bill_mismatch"},
 * read at scrape time like fulfillment's and odoo-adapter's: mismatched vendor bills no later
 * matched bill of the same purchase superseded (finance has to decide them).
 */
export function vendorBillGauges(registry: Registry, db: Knex, now: () => number): void {
  // One query per scrape serves both gauges (prom-client collects them concurrently).
  let scraping: ReturnType<typeof openBillMismatches> | undefined;
  const open = () =>
    (scraping ??= openBillMismatches(db).finally(() => {
      scraping = undefined;
    }));
  new Gauge({
    name: 'o2c_exceptions_open',
    help: 'Open exceptions, by kind',
    labelNames: ['kind'],
    registers: [registry],
    async collect() {
      this.set(KIND, (await open()).count);
    },
  });
  new Gauge({
    name: 'o2c_exception_oldest_open_age_seconds',
    help: 'Age of the oldest open exception, by kind (0 when none is open)',
    labelNames: ['kind'],
    registers: [registry],
    async collect() {
      const { oldestAt } = await open();
      this.set(KIND, oldestAt === null ? 0 : Math.max(0, now() - oldestAt) / 1000);
    },
  });
}
