import { byField, getRec, ids, str } from '../orm/records';
import type { Env, Rec } from '../orm/types';
import { movedQuantity } from './done';
import { lineTax } from './taxes';

export function lineSubtotal(line: Rec): number {
  const qty = (line.product_uom_qty as number | undefined) ?? 0;
  const price = (line.price_unit as number | undefined) ?? 0;
  const discount = (line.discount as number | undefined) ?? 0;
  return Math.round(qty * price * (1 - discount / 100) * 100) / 100;
}

/** The line's taxes (none unless the profile has a default sale tax), rounded per line. */
export function lineTaxAmount(env: Env, line: Rec): number {
  return lineTax(env, line[env.profile.lineTaxField], lineSubtotal(line));
}

export function qtyDelivered(env: Env, line: Rec): number {
  return byField(env, 'stock.move', 'sale_line_id', line.id)
    .filter((m) => m.state === 'done')
    .reduce((sum, m) => {
      const dest = getRec(env, 'stock.location', m.location_dest_id as number);
      return sum + (dest?.usage === 'customer' ? 1 : -1) * movedQuantity(env, m);
    }, 0);
}

export function qtyInvoiced(env: Env, line: Rec): number {
  return byField(env, 'account.move.line', 'sale_line_ids', line.id)
    .filter((l) => getRec(env, 'account.move', l.move_id as number)?.state !== 'cancel')
    .reduce((sum, l) => {
      const move = getRec(env, 'account.move', l.move_id as number);
      return sum + (move?.move_type === 'out_refund' ? -1 : 1) * (l.quantity as number);
    }, 0);
}

export function qtyToInvoice(env: Env, line: Rec): number {
  const order = getRec(env, 'sale.order', line.order_id as number);
  if (order?.state !== 'sale' && order?.state !== 'done') return 0;
  if (typeof line.product_id !== 'number') return 0;
  const policy = productPolicy(env, line.product_id);
  const base = policy === 'delivery' ? qtyDelivered(env, line) : (line.product_uom_qty as number);
  return base - qtyInvoiced(env, line);
}

function productPolicy(env: Env, productId: number): string {
  const product = getRec(env, 'product.product', productId);
  const tmpl = product
    ? getRec(env, 'product.template', product.product_tmpl_id as number)
    : undefined;
  return str(tmpl?.invoice_policy ?? 'order');
}

export function orderLines(env: Env, orderId: number): Rec[] {
  return byField(env, 'sale.order.line', 'order_id', orderId);
}

export function invoiceStatus(env: Env, order: Rec): string {
  if (order.state !== 'sale' && order.state !== 'done') return 'no';
  const lines = orderLines(env, order.id).filter((l) => !l.display_type);
  if (lines.some((l) => qtyToInvoice(env, l) > 0)) return 'to invoice';
  if (lines.length > 0 && lines.every((l) => qtyInvoiced(env, l) >= (l.product_uom_qty as number)))
    return 'invoiced';
  return 'no';
}

export function deliveryStatus(env: Env, order: Rec): string | false {
  const pickings = ids(env, 'sale.order', order.id, 'picking_ids').map(
    (id) => getRec(env, 'stock.picking', id)?.state,
  );
  if (pickings.length === 0 || pickings.every((s) => s === 'cancel')) return false;
  if (pickings.every((s) => s === 'done' || s === 'cancel')) return 'full';
  if (pickings.some((s) => s === 'done')) return 'partial';
  return 'pending';
}

export function orderInvoices(env: Env, order: Rec): number[] {
  const moves = orderLines(env, order.id)
    .flatMap((line) => byField(env, 'account.move.line', 'sale_line_ids', line.id))
    .map((l) => l.move_id as number);
  return [...new Set(moves)].sort((a, b) => a - b);
}
