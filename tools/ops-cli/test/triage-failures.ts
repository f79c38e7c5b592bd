import type { Failure } from '../src/triage/types';

/** A failure for unit tests: a dead letter of odoo-adapter on sales.orders, an unknown SKU. */
export function failure(overrides: Partial<Failure> = {}): Failure {
  return {
    source: 'dead-letter',
    service: 'odoo-adapter',
    topic: 'sales.orders',
    eventType: 'OrderAccepted',
    errorClass: 'UNKNOWN_SKU',
    message: "product 'FURN-0042' of order ORD-1001 is not in Odoo",
    odooModel: null,
    odooMethod: null,
    channel: null,
    orderId: 'ORD-1001',
    eventId: null,
    at: 1_000,
    ref: 'dlq:sales.orders.dlq.odoo-adapter/0/1',
    dlqTopic: 'sales.orders.dlq.odoo-adapter',
    group: 'odoo-adapter',
    retryable: null,
    ...overrides,
  };
}
