import type {
  OrderAccepted,
  OrderCancelled,
  PaymentReceived,
  ReservationReleased,
  ReturnReceived,
  ShipmentDelivered,
  ShipmentDispatched,
  StockBackordered,
  StockReserved,
  TopicName,
} from '@o2c/contracts';
import { PermanentError, type EventHandler, type HandlerContext } from '@o2c/inbox';
import { creditReturn } from '../../app/credit/credit-return';
import { invoiceShipment } from '../../app/invoice/invoice-shipment';
import { recordDelivery } from '../../app/invoice/record-delivery';
import type { Cause, InvoicingDeps } from '../../app/invoicing-deps';
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

type Run = (value: never, ctx: HandlerContext, cause: Cause) => Promise<unknown>;

function routes(deps: InvoicingDeps): Record<string, Run> {
  return {
    OrderAccepted: (v: OrderAccepted, ctx) => recordOrderAccepted(ctx.trx, v, deps, ctx),
    OrderCancelled: (v: OrderCancelled, { trx }) => recordOrderCancelled(trx, v),
    StockReserved: (v: StockReserved, { trx }) => recordReserved(trx, v),
    ReservationReleased: (v: ReservationReleased, { trx }) => recordReleased(trx, v),
    StockBackordered: (v: StockBackordered, { trx }) => recordBackordered(trx, v),
    ShipmentDispatched: async (v: ShipmentDispatched, { trx }, cause) => {
      const r = await invoiceShipment(trx, v, deps, cause);
      return r.outcome === 'invoiced' ? { invoiceNumber: r.invoice.invoiceNumber } : r.outcome;
    },
    ShipmentDelivered: (v: ShipmentDelivered, { trx }) => recordDelivery(trx, v),
    ReturnReceived: async (v: ReturnReceived, { trx }, cause) => {
      const r = await creditReturn(trx, v, deps, cause);
      return r.outcome === 'credited' ? { creditNote: r.creditNote.creditNoteNumber } : r;
    },
    PaymentReceived: (v: PaymentReceived, { trx }) => recordPayment(trx, v, deps),
  };
}

/**
 * One handler for the four topics. A DomainError means the event contradicts the order (a line
 * never ordered, another unit): no retry can fix it, so it is dead-lettered at once with its
 * code. A shipment ahead of its order is parked, not retried (see invoiceShipment).
 */
export function invoicingHandler(deps: InvoicingDeps): EventHandler {
  const table = routes(deps);
  return async (event, ctx) => {
    const run = table[ctx.metadata.eventType];
    if (!run) return;
    const cause: Cause = {
      causationId: ctx.metadata.eventId,
      ...(ctx.metadata.traceparent ? { traceparent: ctx.metadata.traceparent } : {}),
    };
    try {
      const result = await run(event.value as never, ctx, cause);
      ctx.logger.debug(
        { eventType: ctx.metadata.eventType, orderId: ctx.metadata.correlationId, result },
        'event applied',
      );
    } catch (error) {
      if (error instanceof DomainError)
        throw new PermanentError(error.code, error.message, { cause: error });
      throw error;
    }
  };
}
