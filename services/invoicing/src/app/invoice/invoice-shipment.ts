import type { InvoiceIssued, ShipmentDispatched } from '@o2c/contracts';
import { eventFor } from '@o2c/outbox';
import type { Knex } from 'knex';
import { nextDocumentNumber } from '../../adapters/db/document-numbers';
import { findInvoiceOfShipment, saveInvoice } from '../../adapters/db/invoice-repository';
import { isImported } from '../../adapters/db/imported-order-repository';
import { lockOrder } from '../../adapters/db/order-lock';
import { loadOrder } from '../../adapters/db/order-repository';
import { takeParkedReturns } from '../../adapters/db/pending-return-repository';
import { saveShipment } from '../../adapters/db/shipment-repository';
import { invoiceForShipment, type Invoice, type Order, type QuantityLine } from '../../domain';
import { afterCommit } from '@o2c/db';
import { creditReturn } from '../credit/credit-return';
import type { Cause, InvoicingDeps } from '../invoicing-deps';

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
 * Issues the invoice of a recorded, not yet invoiced shipment, with InvoiceIssued in the outbox,
 * then credits the returns parked behind it.
 */
export async function issueInvoice(
  trx: Knex.Transaction,
  order: Order,
  shipment: { shipmentId: string; lines: QuantityLine[] },
  deps: InvoicingDeps,
  cause: Cause,
): Promise<Invoice> {
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
  for (const parked of await takeParkedReturns(trx, shipment.shipmentId)) {
    await creditReturn(
      trx,
      parked.returned,
      deps,
      parked.eventId ? { causationId: parked.eventId } : {},
    );
  }
  return invoice;
}

export type InvoiceOutcome =
  | { outcome: 'invoiced'; invoice: Invoice }
  | { outcome: 'awaiting-order' }
  | { outcome: 'imported' }
  | { outcome: 'duplicate' };

/**
 * ShipmentDispatched → the shipment recorded and its invoice issued, in the caller's
 * transaction. A shipment whose OrderAccepted (another topic) has not arrived yet is recorded
 * and parked: the order's arrival invoices it. Retrying in place instead would hold up the
 * consumer's fetches (kafkajs fetches again only once every partition of the last fetch is
 * done), so the awaited order could never arrive while the shipment retries. A shipment of an
 * order imported from Odoo is recorded, not invoiced: the path that wrote the order bills it.
 */
export async function invoiceShipment(
  trx: Knex.Transaction,
  shipment: ShipmentDispatched,
  deps: InvoicingDeps,
  cause: Cause,
): Promise<InvoiceOutcome> {
  await lockOrder(trx, shipment.orderId);
  await saveShipment(trx, shipment, cause.causationId ?? null);
  if (await findInvoiceOfShipment(trx, shipment.shipmentId)) return { outcome: 'duplicate' };
  const order = await loadOrder(trx, shipment.orderId);
  if (!order) return { outcome: 'awaiting-order' };
  if (await isImported(trx, order.orderId)) return { outcome: 'imported' };
  return { outcome: 'invoiced', invoice: await issueInvoice(trx, order, shipment, deps, cause) };
}
