import type { InvoiceIssued, ShipmentDispatched } from '@o2c/contracts';
import { eventFor } from '@o2c/outbox';
import type { Knex } from 'knex';
import { nextDocumentNumber } from '../../adapters/db/document-numbers';
import { findInvoiceOfShipment, saveInvoice } from '../../adapters/db/invoice-repository';
import { loadOrder } from '../../adapters/db/order-repository';
import { saveShipment } from '../../adapters/db/shipment-repository';
import { invoiceForShipment, type Invoice } from '../../domain';
import { afterCommit } from '../after-commit';
import type { Cause, InvoicingDeps } from '../invoicing-deps';
import { AwaitingOrderError } from './awaiting-order-error';

const toEvent = (i: Invoice): InvoiceIssued => ({
  orderId: i.orderId,
  invoiceId: i.invoiceId,
  invoiceNumber: i.invoiceNumber,
  shipmentIds: [i.shipmentId],
  customerId: i.customerId,
  currency: i.currency,
  lines: i.lines.map(({ taxMinor: _tax, ...line }) => line),
  netMinor: i.netMinor,
  taxMinor: i.taxMinor,
  totalMinor: i.totalMinor,
  issuedAt: i.issuedAt,
  dueAt: i.dueAt,
});

/**
 * ShipmentDispatched → the shipment recorded and its invoice issued, with InvoiceIssued in the
 * outbox, all in the caller's transaction. Returns undefined when the shipment was already
 * invoiced (a replay under a new event id).
 */
export async function invoiceShipment(
  trx: Knex.Transaction,
  shipment: ShipmentDispatched,
  deps: InvoicingDeps,
  cause: Cause,
): Promise<Invoice | undefined> {
  const order = await loadOrder(trx, shipment.orderId);
  if (!order) throw new AwaitingOrderError(shipment.orderId, `shipment ${shipment.shipmentId}`);
  await saveShipment(trx, shipment);
  if (await findInvoiceOfShipment(trx, shipment.shipmentId)) return undefined;
  const issuedAt = deps.now();
  const invoice = invoiceForShipment({
    order,
    shipment,
    invoiceId: deps.newId(),
    invoiceNumber: await nextDocumentNumber(trx, 'INV', issuedAt),
    taxRateBps: deps.taxRateBps,
    paymentTermsDays: deps.paymentTermsDays,
    issuedAt,
  });
  await saveInvoice(trx, invoice);
  await deps.outbox.append(
    trx,
    eventFor('InvoiceIssued', toEvent(invoice), {
      correlationId: invoice.orderId,
      topicPrefix: deps.topicPrefix,
      occurredAt: issuedAt,
      ...cause,
    }),
  );
  afterCommit(trx, () => deps.onIssued?.('invoice'));
  return invoice;
}
