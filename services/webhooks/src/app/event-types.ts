import { contractOf, eventTypes, type TopicName } from '@o2c/contracts';

/** The topics of an order's life that downstream systems subscribe to. */
export const consumedTopics: TopicName[] = [
  'sales.orders',
  'inventory.reservations',
  'fulfillment.shipments',
  'fulfillment.exceptions',
  'billing.invoices',
  'odoo.payments',
];

/** Event types a subscription may list: those of the consumed topics keyed by order. */
export const subscribableEventTypes: readonly string[] = eventTypes.filter((type) => {
  const c = contractOf(type);
  return consumedTopics.includes(c.topic) && c.keyField === 'orderId';
});
