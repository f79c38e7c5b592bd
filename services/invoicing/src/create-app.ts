import { randomUUID } from 'node:crypto';
import {
  createEventRouter,
  createServiceHost,
  useConsumer,
  useOutboxRelay,
  type ServiceHost,
} from '@o2c/platform';
import { Counter } from 'prom-client';
import { vendorBillGauges } from './app/purchase/vendor-bill-gauges';
import { migrations } from './adapters/db/migrations';
import { invoicingRoutes } from './adapters/http/invoicing-routes';
import { mapDomainError } from './adapters/http/problems';
import { classify, consumedTopics, routeInvoicing } from './adapters/kafka/invoicing-handler';
import type { Config } from './config';
import type { InvoicingDeps } from './app/invoicing-deps';

const SERVICE = 'invoicing';

/**
 * Invoices exactly what was shipped (one invoice per shipment), credits returns, records
 * Odoo's payments, and reconciles each order across orders, stock, shipments and money; keeps
 * the purchase ledger and three-way matches vendor bills against orders and receipts.
 */
export function createApp({ config }: { config: Config }): ServiceHost {
  const host = createServiceHost({
    service: SERVICE,
    config,
    migrations,
    mapError: mapDomainError,
  });
  const invoices = new Counter({
    name: 'o2c_invoices_issued_total',
    help: 'Invoices issued (one per dispatched shipment)',
    registers: [host.metrics],
  });
  const creditNotes = new Counter({
    name: 'o2c_credit_notes_issued_total',
    help: 'Credit notes issued (one per credited return)',
    registers: [host.metrics],
  });
  const payments = new Counter({
    name: 'o2c_payments_recorded_total',
    help: "Payments recorded, by the invoice's resulting status (PAID, PARTIALLY_PAID, OVERPAID…)",
    labelNames: ['status'],
    registers: [host.metrics],
  });
  const bills = new Counter({
    name: 'o2c_vendor_bills_decided_total',
    help: 'Vendor bills three-way matched, by decision (MATCHED, MISMATCHED)',
    labelNames: ['decision'],
    registers: [host.metrics],
  });
  const deps: InvoicingDeps = {
    outbox: host.outbox,
    topicPrefix: host.topicPrefix,
    taxRateBps: config.TAX_RATE_BPS,
    paymentTermsDays: config.PAYMENT_TERMS_DAYS,
    now: Date.now,
    newId: randomUUID,
    onIssued: (document) => (document === 'invoice' ? invoices : creditNotes).inc(),
    onPayment: (status) => payments.inc({ status }),
    vendorBillTolerancePercent: config.VENDOR_BILL_TOLERANCE_PERCENT,
    onBillDecided: (decision) => bills.inc({ decision }),
  };
  vendorBillGauges(host.metrics, host.db, Date.now);
  host.api.use(
    invoicingRoutes({
      db: host.db,
      now: Date.now,
      service: SERVICE,
      tolerancePercent: config.VENDOR_BILL_TOLERANCE_PERCENT,
    }),
  );

  useOutboxRelay(host);
  useConsumer(host, {
    topics: consumedTopics,
    handler: routeInvoicing(createEventRouter({ mapError: classify }), deps),
    maxAttempts: config.CONSUMER_MAX_ATTEMPTS,
    backoff: { maxMs: config.CONSUMER_BACKOFF_MAX_MS },
  });
  return host;
}
