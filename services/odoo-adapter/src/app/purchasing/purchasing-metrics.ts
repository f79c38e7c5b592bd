import { Counter, type Registry } from 'prom-client';
import type { PurchasingMetrics } from './purchasing-deps';

/** Purchasing counters: orders placed, deliveries to suppliers by outcome, webhooks by status. */
export function createPurchasingMetrics(registry: Registry) {
  const placed = new Counter({
    name: 'o2c_purchases_placed_total',
    help: 'Purchase orders placed (created and confirmed) in Odoo',
    registers: [registry],
  });
  const deliveries = new Counter({
    name: 'o2c_supplier_deliveries_total',
    help: 'Attempts to send a purchase order to its supplier, by outcome (sent, failed, not-configured)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const webhooks = new Counter({
    name: 'o2c_supplier_webhooks_total',
    help: 'Supplier webhooks received, by the HTTP status answered',
    labelNames: ['status'],
    registers: [registry],
  });
  const metrics: PurchasingMetrics = {
    placed: () => placed.inc(),
    delivery: (outcome) => deliveries.inc({ outcome }),
  };
  return { metrics, webhook: (status: number) => webhooks.inc({ status: String(status) }) };
}
