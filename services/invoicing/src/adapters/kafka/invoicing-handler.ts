import type { TopicName } from '@o2c/contracts';
import { PermanentError } from '@o2c/inbox';
import type { EventRouter } from '@o2c/platform';
import { creditReturn } from '../../app/credit/credit-return';
import { invoiceShipment } from '../../app/invoice/invoice-shipment';
import { recordDelivery } from '../../app/invoice/record-delivery';
import type { InvoicingDeps } from '../../app/invoicing-deps';
import { recordOrderImported } from '../../app/order/import-order';
import { recordOrderAccepted, recordOrderCancelled } from '../../app/order/track-order';
import { recordPayment } from '../../app/payment/record-payment';
import { matchVendorBill } from '../../app/purchase/match-vendor-bill';
import {
  recordPurchaseConfirmed,
  recordPurchasePlaced,
  recordPurchaseReceipt,
  recordPurchaseRefused,
} from '../../app/purchase/track-purchase';
import { recordBackordered, recordReleased, recordReserved } from '../../app/stock/track-stock';
import { DomainError } from '../../domain';

/**
 * Topics invoicing reads; other event types on them (OrderRejected, ShipmentBooked,
 * PurchaseExceptionRaised…) are skipped.
 */
export const consumedTopics: TopicName[] = [
  'sales.orders',
  'inventory.reservations',
  'fulfillment.shipments',
  'odoo.payments',
  'odoo.purchases',
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

/**
 * The consumed topics' events. A shipment ahead of its order is parked, not retried (see
 * invoiceShipment); odoo.purchases feeds the purchase ledger and the vendor bills' match.
 */
export const routeInvoicing = (router: EventRouter, deps: InvoicingDeps): EventRouter =>
  router
    .on('OrderAccepted', (order, ctx) => recordOrderAccepted(ctx.trx, order, deps, ctx))
    .on('OrderImported', (imported, { trx }) => recordOrderImported(trx, imported))
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
    .on('PaymentReceived', (payment, { trx }) => recordPayment(trx, payment, deps))
    .on('PurchaseOrderPlaced', (placed, { trx }) => recordPurchasePlaced(trx, placed))
    .on('PurchaseOrderConfirmed', (confirmed, { trx }) => recordPurchaseConfirmed(trx, confirmed))
    .on('PurchaseOrderRefused', (refused, { trx }) => recordPurchaseRefused(trx, refused))
    .on('PurchaseReceiptValidated', (receipt, { trx }) => recordPurchaseReceipt(trx, receipt))
    .on('VendorBillReceived', (bill, { trx, cause }) => matchVendorBill(trx, bill, deps, cause));
