import type { PaymentReceived } from '@o2c/contracts';
import type { Knex } from 'knex';
import { creditNotesOfInvoice } from '../../adapters/db/credit-note-repository';
import { findInvoice } from '../../adapters/db/invoice-repository';
import { paymentsOfInvoice, savePayment } from '../../adapters/db/payment-repository';
import { applyPayment, type InvoiceBalance } from '../../domain';
import { afterCommit } from '@o2c/db';
import type { InvoicingDeps } from '../invoicing-deps';

const total = (xs: Array<{ totalMinor?: number; amountMinor?: number }>) =>
  xs.reduce((s, x) => s + (x.totalMinor ?? x.amountMinor ?? 0), 0);

/**
 * PaymentReceived → the payment recorded (once per Odoo payment id), whatever it does to the
 * balance: Odoo is the system of record for payments, so an overpayment or a payment for an
 * unknown invoice is kept and reported, never refused.
 */
export async function recordPayment(
  trx: Knex.Transaction,
  payment: PaymentReceived,
  deps: Pick<InvoicingDeps, 'onPayment'>,
): Promise<InvoiceBalance | 'duplicate' | 'unknown-invoice'> {
  const invoice = await findInvoice(trx, payment.invoiceId);
  const paidBefore = total(await paymentsOfInvoice(trx, payment.invoiceId));
  if (!(await savePayment(trx, payment))) return 'duplicate';
  if (!invoice) {
    afterCommit(trx, () => deps.onPayment?.('UNKNOWN_INVOICE'));
    return 'unknown-invoice';
  }
  const creditedMinor = total(await creditNotesOfInvoice(trx, invoice.invoiceId));
  const balance = applyPayment(
    { totalMinor: invoice.totalMinor, creditedMinor, paidMinor: paidBefore },
    payment.amountMinor,
  );
  afterCommit(trx, () => deps.onPayment?.(balance.status));
  return balance;
}
