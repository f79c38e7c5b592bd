import type { InvoiceIssued } from '@o2c/contracts';
import type { Knex } from 'knex';
import {
  invoiceDone,
  lockOrderInvoices,
  waitForDelivery,
  waitingInvoicesOf,
} from '../../adapters/db/invoice-waits';
import { recordSync } from '../../adapters/db/sync-log';
import { postInvoice } from './post-invoice';
import { receiveWaitingReturns, type ReturnDeps } from './receive-return';

/** Posts the invoice (then receives the order's returns that waited for it) or parks it. */
async function postOrPark(
  trx: Knex.Transaction,
  invoice: InvoiceIssued,
  eventId: string,
  deps: ReturnDeps,
) {
  const r = await postInvoice(invoice, deps);
  if ('waitingForDelivery' in r) {
    await waitForDelivery(trx, { invoice, eventId }, r.waitingForDelivery);
    return { model: 'sale.order', id: r.saleOrderId, action: 'waiting-for-delivery' };
  }
  return {
    model: 'account.move',
    id: r.moveId,
    action: r.posted ? 'posted' : 'already-posted',
    returns: await receiveWaitingReturns(invoice.orderId, deps),
  };
}

/**
 * InvoiceIssued → posted in Odoo (then the order's returns that waited for it are received), or,
 * when Odoo cannot invoice its quantities yet because their delivery's validation (another topic)
 * has not reached Odoo, parked until a shipment of the order is validated: a retry in place would
 * hold the whole partition behind it, longer the busier the adapter is.
 */
export async function invoiceWhenDelivered(
  trx: Knex.Transaction,
  invoice: InvoiceIssued,
  eventId: string,
  deps: ReturnDeps,
) {
  await lockOrderInvoices(trx, invoice.orderId);
  return postOrPark(trx, invoice, eventId, deps);
}

/**
 * After a shipment of the order is validated in Odoo: posts the invoices that waited for it, and
 * updates their sync log rows. One still short (it also covers a later shipment) keeps waiting.
 * An error (Odoo down) fails the shipment event, whose retry finds its delivery validated and
 * comes back here.
 */
export async function postWaitingInvoices(
  trx: Knex.Transaction,
  orderId: string,
  deps: ReturnDeps,
): Promise<string[]> {
  await lockOrderInvoices(trx, orderId);
  const posted: string[] = [];
  for (const { invoice, eventId } of await waitingInvoicesOf(trx, orderId)) {
    const done = await postOrPark(trx, invoice, eventId, deps);
    if (done.action === 'waiting-for-delivery') continue;
    await invoiceDone(trx, invoice.invoiceId);
    await recordSync(trx, { eventId, eventType: 'InvoiceIssued', orderId, ...done });
    posted.push(invoice.invoiceId);
  }
  return posted;
}
