import { SaleOrderNotReady } from '../../domain/errors';
import type { InvoiceIssued } from '@o2c/contracts';
import { type OdooClient, type OdooRecord } from '@o2c/odoo-client';
import { cutDraft, type WantedLine } from '../../domain/draft-lines';
import { findSaleOrder, type OdooDeps } from '../odoo-deps';
import { draftLines, toInvoiceByProduct, wantedLines } from './draft-moves';

interface Move extends OdooRecord {
  id: number;
  state: string;
  ref: string | false;
  invoice_line_ids: number[];
}

const invoicesOf = (odoo: OdooClient, domain: unknown[]) =>
  odoo.searchRead<Move>('account.move', [['move_type', '=', 'out_invoice'], ...domain], {
    fields: ['state', 'ref', 'invoice_line_ids'],
    order: 'id asc',
  });

/**
 * Odoo invoices delivered quantities only: too little to invoice means this shipment's
 * validation (another topic) has not reached Odoo yet. Says what is short, if anything.
 */
async function shortfall(
  deps: OdooDeps,
  so: { id: number; name: string },
  wanted: WantedLine[],
): Promise<string | undefined> {
  const open = await toInvoiceByProduct(deps, so.id);
  for (const w of wanted) {
    const left = open.get(w.productId) ?? 0;
    if (left + 1e-9 < w.quantity)
      return `${so.name} has ${left} ${w.sku} to invoice in Odoo, not yet ${w.quantity}`;
    open.set(w.productId, left - w.quantity);
  }
  return undefined;
}

export type PostedInvoice =
  | { moveId: number; posted: boolean }
  /** Odoo cannot invoice these quantities until a delivery of the order is validated. */
  | { waitingForDelivery: string; saleOrderId: number };

/**
 * InvoiceIssued → an Odoo invoice for exactly our invoiced quantities, through the
 * `sale.advance.payment.inv` wizard (the supported external route) whose draft is cut down to our
 * lines (the wizard takes every delivered quantity, a later shipment's too), tagged with our
 * invoice id in `ref` and posted. Idempotent: an invoice tagged with our id is only posted if
 * still draft, and a draft of this order left untagged by an interrupted attempt is adopted
 * instead of creating another. (Odoo fills `ref` with `client_order_ref`, our order id.) An invoice
 * for quantities not delivered in Odoo yet is not retried here: the caller parks it.
 */
export async function postInvoice(invoice: InvoiceIssued, deps: OdooDeps): Promise<PostedInvoice> {
  const { odoo } = deps;
  let [move] = await invoicesOf(odoo, [['ref', '=', invoice.invoiceId]]);
  if (move && move.state !== 'draft') return { moveId: move.id, posted: false };
  const so = await findSaleOrder(odoo, invoice.orderId);
  if (!so) throw new SaleOrderNotReady(`sale order of ${invoice.orderId} not in Odoo yet`);
  const untagged = [
    ['invoice_origin', '=', so.name],
    ['state', '=', 'draft'],
    ['ref', 'in', [false, invoice.orderId]],
  ];
  const wanted = await wantedLines(deps, invoice.lines);
  move ??= (await invoicesOf(odoo, untagged))[0];
  if (!move) {
    const short = await shortfall(deps, so, wanted);
    if (short) return { waitingForDelivery: short, saleOrderId: so.id };
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
  const cut = cutDraft(await draftLines(deps, move.invoice_line_ids), wanted);
  if (cut.short)
    throw new Error(
      `draft invoice ${move.id} of ${so.name} lacks ${cut.short.missing} ${cut.short.sku}`,
    );
  await odoo.write('account.move', [move.id], {
    ref: invoice.invoiceId,
    invoice_line_ids: cut.commands,
  });
  await odoo.call('account.move', 'action_post', { ids: [move.id] });
  return { moveId: move.id, posted: true };
}
