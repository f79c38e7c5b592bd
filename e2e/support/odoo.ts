import { createOdooClient, type OdooRecord } from '@o2c/odoo-client';
import type { Endpoints } from './platform';
import { call } from './api';

/** Odoo as an accountant would look at it: through its external API, as the admin user. */
export function odooOf(p: Endpoints) {
  const odoo = createOdooClient({
    url: p.urls['odoo-sim'],
    db: 'o2c',
    login: 'admin',
    apiKey: 'o2c-admin-key',
    transport: 'auto',
  });
  return {
    odoo,
    saleOrders: (orderId: string) =>
      odoo.searchRead<OdooRecord & { name: string; state: string }>(
        'sale.order',
        [['client_order_ref', '=', orderId]],
        { fields: ['name', 'state'] },
      ),
    invoices: (origin: string) =>
      odoo.searchRead<
        OdooRecord & {
          state: string;
          ref: string | false;
          amount_total: number;
          payment_state: string;
        }
      >(
        'account.move',
        [
          ['invoice_origin', '=', origin],
          ['move_type', '=', 'out_invoice'],
        ],
        {
          fields: ['state', 'ref', 'amount_total', 'payment_state'],
        },
      ),
    deliveries: (origin: string) =>
      odoo.searchRead<OdooRecord & { state: string }>(
        'stock.picking',
        [
          ['origin', '=', origin],
          ['picking_type_code', '=', 'outgoing'],
        ],
        { fields: ['state'] },
      ),
    /** A customer payment registered in Odoo against one of our invoices (by its ref). */
    async pay(invoiceId: string) {
      const [move] = await odoo.searchRead<OdooRecord & { amount_total: number }>(
        'account.move',
        [['ref', '=', invoiceId]],
        { fields: ['amount_total'] },
      );
      if (!move) throw new Error(`invoice ${invoiceId} not in Odoo`);
      const res = await call(`${p.urls['odoo-sim']}/__sim/payments`, 'POST', {
        invoiceId: move.id,
        amount: move.amount_total,
      });
      if (res.status >= 300) throw new Error(`/__sim/payments: ${res.status}`);
      return move.amount_total;
    },
  };
}
