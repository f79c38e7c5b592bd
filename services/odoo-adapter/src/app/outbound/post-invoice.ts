import type { InvoiceIssued } from '@o2c/contracts';
import type { OdooClient, OdooRecord } from '@o2c/odoo-client';
import { findSaleOrder, type OdooDeps } from '../odoo-deps';

interface Move extends OdooRecord {
  id: number;
  state: string;
  ref: string | false;
}

const invoicesOf = (odoo: OdooClient, domain: unknown[]) =>
  odoo.searchRead<Move>('account.move', [['move_type', '=', 'out_invoice'], ...domain], {
    fields: ['state', 'ref'],
    order: 'id asc',
  });

/**
 * InvoiceIssued → an Odoo invoice for the delivered, not yet invoiced quantities, through the
 * `sale.advance.payment.inv` wizard (the supported external route), tagged with our invoice id
 * in `ref` and posted. Idempotent: an invoice tagged with our id is only posted if still draft,
 * and a draft of this order left untagged by an interrupted attempt is adopted instead of
 * creating another. (Odoo itself fills `ref` with the order's `client_order_ref`, our order id.)
 */
export async function postInvoice(invoice: InvoiceIssued, { odoo }: OdooDeps) {
  const so = await findSaleOrder(odoo, invoice.orderId);
  if (!so) throw new Error(`sale order of ${invoice.orderId} not in Odoo yet`);
  const untagged = [
    ['invoice_origin', '=', so.name],
    ['state', '=', 'draft'],
    ['ref', 'in', [false, invoice.orderId]],
  ];
  let [move] = await invoicesOf(odoo, [['ref', '=', invoice.invoiceId]]);
  move ??= (await invoicesOf(odoo, untagged))[0];
  if (!move) {
    // Odoo invoices delivered quantities only: nothing to invoice yet means the shipment's
    // validation (another topic) has not reached Odoo yet. Retry rather than dead-letter.
    const [status] = await odoo.read('sale.order', [so.id], ['invoice_status']);
    if (status?.invoice_status !== 'to invoice') {
      throw new Error(
        `${so.name} has nothing to invoice in Odoo yet (invoice_status ${String(status?.invoice_status)})`,
      );
    }
    const context = { active_model: 'sale.order', active_ids: [so.id], active_id: so.id };
    const wizard = await odoo.create(
      'sale.advance.payment.inv',
      { advance_payment_method: 'delivered', sale_order_ids: [[6, 0, [so.id]]] },
      { context },
    );
    await odoo.call('sale.advance.payment.inv', 'create_invoices', { ids: [wizard], context });
    [move] = await invoicesOf(odoo, untagged);
    if (!move) throw new Error(`Odoo created no invoice for ${so.name}`);
  }
  if (move.ref !== invoice.invoiceId)
    await odoo.write('account.move', [move.id], { ref: invoice.invoiceId });
  const posted = move.state === 'draft';
  if (posted) await odoo.call('account.move', 'action_post', { ids: [move.id] });
  return { moveId: move.id, posted };
}
