import type { PaymentReceived } from '@o2c/contracts';
import type { Knex } from 'knex';
import { creditNotesOfInvoice } from '../../adapters/db/credit-note-repository';
import { findImportedInvoice } from '../../adapters/db/imported-order-repository';
import { findInvoice } from '../../adapters/db/invoice-repository';
import { paymentsOfInvoice, savePayment } from '../../adapters/db/payment-repository';
import { applyPayment, type InvoiceBalance } from '../../domain';
import { afterCommit } from '@o2c/db';
import type { InvoicingDeps } from '../invoicing-deps';

const total = (xs: Array<{ totalMinor?: number; amountMinor?: number }>) =>
  xs.reduce((s, x) => s + (x.totalMinor ?? x.amountMinor ?? 0), 0);

/**
 * The invoice paid: one we issued, else one Odoo posted for an imported order (importedFor: its
 * order, which the payment is recorded under).
 */
async function invoicePaid(trx: Knex, invoiceId: string) {
  const ours = await findInvoice(trx, invoiceId);
  if (ours) {
    const creditedMinor = total(await creditNotesOfInvoice(trx, ours.invoiceId));
    return { totalMinor: ours.totalMinor, creditedMinor, importedFor: undefined };
  }
  const imported = await findImportedInvoice(trx, invoiceId);
  return (
    imported && { totalMinor: imported.totalMinor, creditedMinor: 0, importedFor: imported.orderId }
  );
}

/**
 * PaymentReceived → the payment recorded (once per Odoo payment id), whatever it does to the
 * balance: Odoo is the system of record for payments, so an overpayment or a payment for an
 * unknown invoice is kept and reported, never refused. A payment of an imported invoice is
 * recorded under the invoice's order (odoo-adapter takes the order from the sale order's
 * client_order_ref, which for an imported order is not the platform's order id).
 */
export async function recordPayment(
  trx: Knex.Transaction,
  payment: PaymentReceived,
  deps: Pick<InvoicingDeps, 'onPayment'>,
): Promise<InvoiceBalance | 'duplicate' | 'unknown-invoice'> {
  const invoice = await invoicePaid(trx, payment.invoiceId);
  const paidBefore = total(await paymentsOfInvoice(trx, payment.invoiceId));
  const orderId = invoice?.importedFor ?? payment.orderId;
  if (!(await savePayment(trx, { ...payment, orderId }))) return 'duplicate';
  if (!invoice) {
    afterCommit(trx, () => deps.onPayment?.('UNKNOWN_INVOICE'));
    return 'unknown-invoice';
  }
  const balance = applyPayment(
    { totalMinor: invoice.totalMinor, creditedMinor: invoice.creditedMinor, paidMinor: paidBefore },
    payment.amountMinor,
  );
  afterCommit(trx, () => deps.onPayment?.(balance.status));
  return balance;
}
