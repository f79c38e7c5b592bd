import type { InvoiceIssued } from '@o2c/contracts';
import type { Knex } from 'knex';
import { waitFigures } from './wait-figures';

/** An InvoiceIssued that waits for its delivery to be validated in Odoo. */
export interface WaitingInvoice {
  invoice: InvoiceIssued;
  /** The InvoiceIssued event's id (the sync log's cause once it is posted). */
  eventId: string;
}

interface WaitingRow {
  invoice_id: string;
  order_id: string;
  event_id: string;
  invoice: InvoiceIssued;
  reason: string;
  waiting_since: Date;
}

const table = (db: Knex) => db<WaitingRow>('odoo_waiting_invoices');

/**
 * Serialises, per order, parking an invoice and resuming the order's parked invoices (held to
 * the end of the transaction): otherwise a shipment validated while its invoice is being parked
 * would find nothing to resume, and the invoice would wait for a shipment that never comes.
 */
export async function lockOrderInvoices(trx: Knex.Transaction, orderId: string): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
    `odoo-invoices:${orderId}`,
  ]);
}

/** Records (or keeps) an invoice as waiting, in the consumer's transaction. */
export async function waitForDelivery(
  trx: Knex.Transaction,
  { invoice, eventId }: WaitingInvoice,
  reason: string,
): Promise<void> {
  await table(trx)
    .insert({
      invoice_id: invoice.invoiceId,
      order_id: invoice.orderId,
      event_id: eventId,
      invoice,
      reason,
    })
    .onConflict('invoice_id')
    .merge(['reason']);
}

/** The order's waiting invoices, oldest first. */
export async function waitingInvoicesOf(
  trx: Knex.Transaction,
  orderId: string,
): Promise<WaitingInvoice[]> {
  const rows = await table(trx)
    .where({ order_id: orderId })
    .orderBy('waiting_since')
    .select('invoice', 'event_id');
  return rows.map((r) => ({ invoice: r.invoice, eventId: r.event_id }));
}

export async function invoiceDone(trx: Knex.Transaction, invoiceId: string): Promise<void> {
  await table(trx).where({ invoice_id: invoiceId }).delete();
}

/** How many invoices wait, and for how long the oldest has (seconds), for /metrics. */
export const invoiceWaits = (db: Knex) => waitFigures(db, 'odoo_waiting_invoices');
