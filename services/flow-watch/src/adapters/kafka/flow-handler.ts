import type { TopicName } from '@o2c/contracts';
import type { EventRouter } from '@o2c/platform';
import { recordLatency, recordOrderReceived, recordStage } from '../../app/record-flow';

export const consumedTopics: readonly TopicName[] = [
  'sales.orders',
  'inventory.reservations',
  'fulfillment.shipments',
  'billing.invoices',
  'odoo.stock',
];

/**
 * Every flow event becomes a count or a latency sample in the bucket of its business time (the
 * time the event itself states, so a backlog consumed late lands where it happened), in its
 * inbox transaction: a redelivered event is counted once.
 */
export function routeFlows(router: EventRouter, bucketMs: number): EventRouter {
  return router
    .on('OrderAccepted', (o, { trx }) =>
      recordOrderReceived(
        trx,
        { orderId: o.orderId, channel: o.channelCode, at: o.acceptedAt, accepted: true },
        bucketMs,
      ),
    )
    .on('OrderRejected', (o, { trx }) =>
      recordOrderReceived(
        trx,
        { orderId: o.orderId, channel: o.channelCode, at: o.rejectedAt, accepted: false },
        bucketMs,
      ),
    )
    .on('StockReserved', (r, { trx }) =>
      recordStage(trx, { orderId: r.orderId, stage: 'reserved', at: r.reservedAt }, bucketMs),
    )
    .on('ShipmentDispatched', (s, { trx }) =>
      recordStage(trx, { orderId: s.orderId, stage: 'shipped', at: s.dispatchedAt }, bucketMs),
    )
    .on('InvoiceIssued', (i, { trx }) =>
      recordStage(trx, { orderId: i.orderId, stage: 'invoiced', at: i.issuedAt }, bucketMs),
    )
    .on('StockQuantChanged', (q, { trx, metadata }) =>
      recordLatency(
        trx,
        {
          series: 'odoo_sync_delay_p95',
          subject: 'stock.quant',
          at: metadata.occurredAt,
          seconds: Math.max(0, (metadata.occurredAt - q.odooWriteDate) / 1000),
        },
        bucketMs,
      ),
    );
}
