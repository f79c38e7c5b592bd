import type { BlastRadius, FailurePattern } from './types';

/**
 * Which stages of an order's way wait behind a failure, by (topic, service, event type). The
 * first matching rule wins; `undefined` matches anything. Kept explicit and small: it is the
 * map an SRE would draw on a whiteboard, not inferred.
 */
const rules: readonly {
  topic?: string;
  service?: string;
  eventType?: string;
  stages: readonly string[];
}[] = [
  // The adapter's copy of an order in Odoo: nothing in Odoo happens for it until it is there.
  {
    topic: 'sales.orders',
    service: 'odoo-adapter',
    stages: ['sale order in Odoo', 'delivery validation in Odoo', 'invoice posted in Odoo'],
  },
  {
    topic: 'sales.orders',
    service: 'inventory-sync',
    stages: ['stock reservation', 'shipment', 'invoice'],
  },
  { topic: 'sales.orders', service: 'fulfillment', stages: ['shipment', 'invoice'] },
  { topic: 'sales.orders', service: 'invoicing', stages: ['invoice'] },
  { topic: 'sales.orders', service: 'webhooks', stages: ['webhook to the channel'] },
  {
    topic: 'inventory.reservations',
    service: 'fulfillment',
    stages: ['shipment booking', 'dispatch', 'invoice'],
  },
  { topic: 'inventory.reservations', service: 'invoicing', stages: ['invoice'] },
  {
    topic: 'fulfillment.shipments',
    service: 'odoo-adapter',
    stages: ['delivery validation in Odoo', 'invoice posted in Odoo'],
  },
  { topic: 'fulfillment.shipments', service: 'invoicing', stages: ['invoice'] },
  { topic: 'fulfillment.shipments', service: 'inventory-sync', stages: ['stock release'] },
  { topic: 'billing.invoices', service: 'odoo-adapter', stages: ['invoice posted in Odoo'] },
  { topic: 'odoo.payments', stages: ['payment recorded on the invoice'] },
  {
    topic: 'inventory.replenishment',
    service: 'odoo-adapter',
    stages: ['purchase order in Odoo', 'receipt', 'backordered orders shipped'],
  },
  { topic: 'odoo.purchases', stages: ['receipt', 'vendor bill match'] },
  { topic: 'billing.vendor-bills', stages: ['vendor bill posted in Odoo'] },
  { topic: 'channels.orders', stages: ['order accepted', 'everything after it'] },
  // Events that report a failure: what their stage would have led to.
  { eventType: 'FulfillmentFailed', stages: ['shipping', 'invoice'] },
  { eventType: 'OrderExceptionRaised', stages: ['the order waits for an operator'] },
  {
    eventType: 'OdooSyncFailed',
    stages: ['the Odoo record of the operation', 'later Odoo steps of the order'],
  },
  { eventType: 'PurchaseExceptionRaised', stages: ['receipt', 'backordered orders shipped'] },
  { eventType: 'OrderRejected', stages: ['the whole order (it was never accepted)'] },
];

export function waitingStages(pattern: FailurePattern): string[] {
  const rule = rules.find(
    (r) =>
      (r.topic === undefined || r.topic === pattern.topic) &&
      (r.service === undefined || r.service === pattern.service) &&
      (r.eventType === undefined || r.eventType === pattern.eventType),
  );
  return rule ? [...rule.stages] : [];
}

/** The stages waiting behind the group, and its orders counted by their current status. */
export function blastRadius(
  pattern: FailurePattern,
  orderIds: readonly string[],
  statusOf: ReadonlyMap<string, string>,
): BlastRadius {
  const ordersByStatus: Record<string, number> = {};
  for (const id of orderIds) {
    const status = statusOf.get(id);
    if (status !== undefined) ordersByStatus[status] = (ordersByStatus[status] ?? 0) + 1;
  }
  return { waitingStages: waitingStages(pattern), ordersByStatus };
}
