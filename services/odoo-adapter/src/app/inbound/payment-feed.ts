import type { PaymentReceived } from '@o2c/contracts';
import { m2oName } from '@o2c/odoo-client';
import type { ChangeFeed } from './change-feed';
import { eventFor } from '@o2c/outbox';

const toMinor = (amount: unknown) => Math.round(Number(amount) * 100);

/**
 * Posted customer invoices whose payment state moved → PaymentReceived for the order the invoice
 * belongs to (through the sale order named in `invoice_origin`). The amount is what is paid so far.
 */
export const paymentFeed: ChangeFeed = {
  model: 'account.move',
  domain: [
    ['move_type', '=', 'out_invoice'],
    ['state', '=', 'posted'],
    ['payment_state', 'in', ['paid', 'in_payment', 'partial']],
  ],
  fields: [
    'name',
    'ref',
    'invoice_origin',
    'amount_total',
    'amount_residual',
    'payment_state',
    'currency_id',
  ],
  async toEvents(moves, { odoo }) {
    const origins = [...new Set(moves.map((m) => String(m.invoice_origin)))];
    const orders = await odoo.searchRead('sale.order', [['name', 'in', origins]], {
      fields: ['name', 'client_order_ref'],
    });
    const orderIdOf = new Map(orders.map((o) => [String(o.name), o.client_order_ref]));
    return moves.flatMap((m) => {
      const orderId = orderIdOf.get(String(m.invoice_origin));
      if (typeof orderId !== 'string') return [];
      const data: PaymentReceived = {
        orderId,
        invoiceId: typeof m.ref === 'string' ? m.ref : String(m.name),
        odooPaymentId: `${m.id}@${String(m.write_date)}`,
        amountMinor: toMinor(m.amount_total) - toMinor(m.amount_residual),
        currency: m2oName(m.currency_id as never) ?? 'EUR',
        paymentMethod: null,
        fullyPaid: m.payment_state === 'paid' || m.payment_state === 'in_payment',
        receivedAt: Date.parse(`${String(m.write_date).replace(' ', 'T')}Z`),
      };
      return [eventFor('PaymentReceived', data, { correlationId: orderId })];
    });
  },
  writtenAt: (event) => (event.data as PaymentReceived).receivedAt,
};
