import type { Knex } from 'knex';
import { Gauge, type Registry } from 'prom-client';
import { invoiceWaits } from '../../adapters/db/invoice-waits';
import { waitFigures } from '../../adapters/db/wait-figures';

type Figures = { count: number; oldestSeconds: number };

/** One query per scrape serves a table's gauges (prom-client collects them concurrently). */
const perScrape = (query: () => Promise<Figures>) => {
  let scraping: Promise<Figures> | undefined;
  return () =>
    (scraping ??= query().finally(() => {
      scraping = undefined;
    }));
};

/**
 * What the outbound consumer parked instead of retrying in place: invoices waiting for their
 * delivery, and events waiting for their sale order. Both are exceptions in the platform's sense
 * (business waiting on something a person may have to fix), by kind.
 */
export function createWaitMetrics(registry: Registry, db: Knex): void {
  const invoices = perScrape(() => invoiceWaits(db));
  const events = perScrape(() => waitFigures(db, 'odoo_waiting_for_sale_order'));
  const gauge = (name: string, help: string, collect: () => Promise<number>) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set(await collect());
      },
    });
  gauge(
    'o2c_odoo_invoices_waiting',
    'Invoices parked until a delivery of their order is validated in Odoo',
    async () => (await invoices()).count,
  );
  gauge(
    'o2c_odoo_invoice_wait_oldest_seconds',
    'How long the oldest parked invoice has waited for its delivery (0 when none waits)',
    async () => (await invoices()).oldestSeconds,
  );
  gauge(
    'o2c_odoo_events_waiting_for_sale_order',
    'Events of orders parked until their sale order is confirmed in Odoo',
    async () => (await events()).count,
  );
  const kinds = [
    { labels: { kind: 'invoice_waiting_for_delivery' }, figures: invoices },
    { labels: { kind: 'event_waiting_for_sale_order' }, figures: events },
  ];
  const byKind = (name: string, help: string, pick: (f: Figures) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['kind'],
      registers: [registry],
      async collect() {
        for (const { labels, figures } of kinds) this.set(labels, pick(await figures()));
      },
    });
  byKind('o2c_exceptions_open', 'Open exceptions, by kind', (f) => f.count);
  byKind(
    'o2c_exception_oldest_open_age_seconds',
    'Age of the oldest open exception, by kind (0 when none is open)',
    (f) => f.oldestSeconds,
  );
}
