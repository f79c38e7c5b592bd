import type { PaymentReceived } from '@o2c/contracts';
import { m2oName } from '@o2c/odoo-client';
import type { ChangeFeed } from './change-feed';
import { eventFor } from '@o2c/outbox';
import { importedOrderIdsBySaleOrder } from '../../adapters/db/imported-orders';
import { platformOrderIdsBySaleOrder } from '../../adapters/db/sync-log';
import { paymentTarget, type PaidSaleOrder } from '../../domain/payment-target';

const toMinor = (amount: unknown) => Math.round(Number(amount) * 100);

/**
 * Posted customer invoices whose payment state moved → PaymentReceived for the order the invoice
 * belongs to (through the sale order named in `invoice_origin`). The amount is what is paid so far.
 * One Odoo read and two queries per batch: a sale order bootstrap imported is paid under its
 * platform order with the invoice's name, one the adapter wrote under the order it wrote it for;
 * any other (an old integration's, a person's) is not the platform's and gives no event.
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
  async toEvents(moves, { odoo }, trx) {
    const origins = [...new Set(moves.map((m) => String(m.invoice_origin)))];
    const orders = await odoo.searchRead('sale.order', [['name', 'in', origins]], {
      fields: ['name'],
    });
    const ids = orders.map((o) => o.id);
    const imported = await importedOrderIdsBySaleOrder(trx, ids);
    const written = await platformOrderIdsBySaleOrder(trx, ids);
    const saleOrderOf = new Map(
      orders.map((o): [string, PaidSaleOrder] => {
        const importedOrderId = imported.get(o.id);
        const platformOrderId = written.get(o.id);
        return [
          String(o.name),
          {
            ...(importedOrderId === undefined ? {} : { importedOrderId }),
            ...(platformOrderId === undefined ? {} : { platformOrderId }),
          },
        ];
      }),
    );
    return moves.flatMap((m) => {
      const target = paymentTarget(
        { name: m.name, ref: m.ref },
        saleOrderOf.get(String(m.invoice_origin)),
      );
      if (!target) return [];
      const data: PaymentReceived = {
        ...target,
        odooPaymentId: `${m.id}@${String(m.write_date)}`,
        amountMinor: toMinor(m.amount_total) - toMinor(m.amount_residual),
        currency: m2oName(m.currency_id as never) ?? 'EUR',
        paymentMethod: null,
        fullyPaid: m.payment_state === 'paid' || m.payment_state === 'in_payment',
        receivedAt: Date.parse(`${String(m.write_date).replace(' ', 'T')}Z`),
      };
      return [eventFor('PaymentReceived', data, { correlationId: target.orderId })];
    });
  },
  writtenAt: (event) => (event.data as PaymentReceived).receivedAt,
};
