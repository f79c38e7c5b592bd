import type { PaymentReceived } from '@o2c/contracts';
import type { Knex } from 'knex';
import type { Payment } from '../../domain';
import { ms, num, toDate } from './rows';

/** Idempotent on Odoo's payment id; returns false for a payment already recorded. */
export async function savePayment(trx: Knex, p: PaymentReceived): Promise<boolean> {
  const inserted = await trx('payments')
    .insert({
      odoo_payment_id: p.odooPaymentId,
      order_id: p.orderId,
      invoice_id: p.invoiceId,
      amount_minor: p.amountMinor,
      currency: p.currency,
      payment_method: p.paymentMethod,
      fully_paid: p.fullyPaid,
      received_at: toDate(p.receivedAt),
    })
    .onConflict('odoo_payment_id')
    .ignore()
    .returning('odoo_payment_id');
  return inserted.length > 0;
}

interface Row {
  odoo_payment_id: string;
  order_id: string;
  invoice_id: string;
  amount_minor: string;
  currency: string;
  received_at: Date;
}

const toPayment = (r: Row): Payment => ({
  odooPaymentId: r.odoo_payment_id,
  orderId: r.order_id,
  invoiceId: r.invoice_id,
  amountMinor: num(r.amount_minor),
  currency: r.currency,
  receivedAt: ms(r.received_at),
});

export const loadPayments = async (db: Knex, orderId: string): Promise<Payment[]> =>
  (await db<Row>('payments').where({ order_id: orderId }).orderBy('received_at')).map(toPayment);

export const paymentsOfInvoice = async (db: Knex, invoiceId: string): Promise<Payment[]> =>
  (await db<Row>('payments').where({ invoice_id: invoiceId })).map(toPayment);
