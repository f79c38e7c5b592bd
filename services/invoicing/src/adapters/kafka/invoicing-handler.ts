import type { TopicName } from '@o2c/contracts';
import { PermanentError } from '@o2c/inbox';
import type { EventRouter } from '@o2c/platform';
import { creditReturn } from '../../app/credit/credit-return';
import { invoiceShipment } from '../../app/invoice/invoice-shipment';
import { recordDelivery } from '../../app/invoice/record-delivery';
import type { InvoicingDeps } from '../../app/invoicing-deps';
import { recordOrderAccepted, recordOrderCancelled } from '../../app/order/track-order';
import { recordPayment } from '../../app/payment/record-payment';
import { recordBackordered, recordReleased, recordReserved } from '../../app/stock/track-stock';
import { DomainError } from '../../domain';

/** Topics invoicing reads; other event types on them (OrderRejected, ShipmentBooked…) are skipped. */
export const consumedTopics: TopicName[] = [
  'sales.orders',
  'inventory.reservations',
  'fulfillment.shipments',
  'odoo.payments',
];

/**
 * A DomainError means the event contradicts the order (a line never ordered, another unit): no
 * retry can fix it, so it is dead-lettered at once with its code.
 */
export function classify(error: unknown): unknown {
  if (error instanceof DomainError)
    return new PermanentError(error.code, error.message, { cause: error });
  return error;
}

/** The four topics' events. A shipment ahead of its order is parked, not retried (see invoiceShipment). */
export const routeInvoicing = (router: EventRouter, deps: InvoicingDeps): EventRouter =>
  router
    .on('OrderAccepted', (order, ctx) => recordOrderAccepted(ctx.trx, order, deps, ctx))
    .on('OrderCancelled', (cancelled, { trx }) => recordOrderCancelled(trx, cancelled))
    .on('StockReserved', (reserved, { trx }) => recordReserved(trx, reserved))
    .on('ReservationReleased', (released, { trx }) => recordReleased(trx, released))
    .on('StockBackordered', (backordered, { trx }) => recordBackordered(trx, backordered))
    .on('ShipmentDispatched', async (shipment, { trx, cause }) => {
      const r = await invoiceShipment(trx, shipment, deps, cause);
      return r.outcome === 'invoiced' ? { invoiceNumber: r.invoice.invoiceNumber } : r.outcome;
    })
    .on('ShipmentDelivered', (delivered, { trx }) => recordDelivery(trx, delivered))
    .on('ReturnReceived', async (returned, { trx, cause }) => {
      const r = await creditReturn(trx, returned, deps, cause);
      return r.outcome === 'credited' ? { creditNote: r.creditNote.creditNoteNumber } : r;
    })
    .on('PaymentReceived', (payment, { trx }) => recordPayment(trx, payment, deps));
