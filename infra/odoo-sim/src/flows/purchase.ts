import { allRecs, byField, getRec } from '../orm/records';
import type { Env, Rec } from '../orm/types';
import { createRecords, writeRecords } from '../orm/write';
import { assignPickings } from './reserve';
import { movedQuantity } from './done';

export function purchaseLines(env: Env, orderId: number): Rec[] {
  return byField(env, 'purchase.order.line', 'order_id', orderId);
}

/** Received: done moves into our stock; returns to the vendor (not refunded) do not count. */
export function qtyReceived(env: Env, line: Rec): number {
  return byField(env, 'stock.move', 'purchase_line_id', line.id)
    .filter(
      (m) =>
        m.state === 'done' &&
        getRec(env, 'stock.location', m.location_dest_id as number)?.usage !== 'supplier',
    )
    .reduce((s, m) => s + movedQuantity(env, m), 0);
}

/** Billed quantity: vendor bills add, vendor credit notes subtract; cancelled moves do not count. */
export function qtyInvoiced(env: Env, line: Rec): number {
  return byField(env, 'account.move.line', 'purchase_line_id', line.id).reduce((s, l) => {
    const move = getRec(env, 'account.move', l.move_id as number);
    if (!move || move.state === 'cancel') return s;
    const qty = (l.quantity as number | undefined) ?? 0;
    return move.move_type === 'in_invoice' ? s + qty : move.move_type === 'in_refund' ? s - qty : s;
  }, 0);
}

const orderState = (env: Env, line: Rec) =>
  getRec(env, 'purchase.order', line.order_id as number)?.state as string | undefined;

/** Control policy "on received quantities" (Odoo's default): received − billed, once confirmed. */
export function qtyToInvoice(env: Env, line: Rec): number {
  if (!['purchase', 'done'].includes(orderState(env, line) ?? '')) return 0;
  return Math.round((qtyReceived(env, line) - qtyInvoiced(env, line)) * 1000) / 1000;
}

export function purchaseBills(env: Env, orderId: number): number[] {
  const ids = new Set<number>();
  for (const line of purchaseLines(env, orderId))
    for (const aml of byField(env, 'account.move.line', 'purchase_line_id', line.id))
      ids.add(aml.move_id as number);
  return [...ids].sort((a, b) => a - b);
}

export function invoiceStatus(env: Env, order: Rec): string {
  if (!['purchase', 'done'].includes(order.state as string)) return 'no';
  const lines = purchaseLines(env, order.id).filter((l) => !l.display_type);
  if (lines.some((l) => qtyToInvoice(env, l) !== 0)) return 'to invoice';
  return purchaseBills(env, order.id).length > 0 ? 'invoiced' : 'no';
}

export function receiptStatus(env: Env, order: Rec): string | false {
  const pickings = byField(env, 'stock.picking', 'purchase_id', order.id);
  if (pickings.every((p) => p.state === 'cancel')) return false;
  if (pickings.every((p) => p.state === 'done' || p.state === 'cancel')) return 'full';
  if (pickings.some((p) => p.state === 'done')) return 'partial';
  return 'pending';
}

/** The order's date_planned is stored but computed: the earliest of its lines'. */
export function earliestLineDate(env: Env, orderId: number): string | false {
  const dates = purchaseLines(env, orderId)
    .map((l) => l.date_planned)
    .filter((d): d is string => typeof d === 'string')
    .sort();
  return dates[0] ?? false;
}

export function supplierLocation(env: Env): number {
  return allRecs(env, 'stock.location').find((l) => l.usage === 'supplier')?.id ?? 0;
}

/** `_prepare_stock_move_vals`: the move of a purchase line into the receipt. */
export function receiptMoveVals(
  env: Env,
  order: Rec,
  line: Rec,
  pickingId: number,
  qty: number,
): Record<string, unknown> {
  const picking = getRec(env, 'stock.picking', pickingId) as Rec;
  return {
    product_id: line.product_id,
    product_uom_qty: qty,
    product_uom: line[env.profile.lineUomField] || 1,
    location_id: picking.location_id,
    location_dest_id: picking.location_dest_id,
    picking_id: pickingId,
    picking_type_id: picking.picking_type_id,
    partner_id: order.partner_id,
    purchase_line_id: line.id,
    origin: order.name,
    date: line.date_planned || env.now,
    date_deadline: line.date_planned || false,
    state: 'confirmed',
  };
}

/** `_prepare_picking`: a receipt of the order's operation type, from the vendors' location. */
export function createReceipt(env: Env, order: Rec): number | undefined {
  const type = getRec(env, 'stock.picking.type', order.picking_type_id as number);
  if (!type) return undefined;
  const [pickingId] = createRecords(env, 'stock.picking', [
    {
      picking_type_id: type.id,
      partner_id: order.partner_id,
      location_id: supplierLocation(env),
      location_dest_id: type.default_location_dest_id,
      origin: order.name,
      purchase_id: order.id,
      scheduled_date: earliestLineDate(env, order.id) || order.date_planned || env.now,
    },
  ]);
  return pickingId;
}

/**
 * A picking's scheduled date and deadline are computed from its open moves (the earliest of
 * their `date` and `date_deadline`, move_type "direct").
 */
export function syncPickingDates(env: Env, pickingId: number): void {
  const moves = byField(env, 'stock.move', 'picking_id', pickingId).filter(
    (m) => m.state !== 'done' && m.state !== 'cancel',
  );
  const earliest = (field: string) =>
    moves
      .map((m) => m[field])
      .filter((d): d is string => typeof d === 'string')
      .sort()[0];
  const vals: Record<string, unknown> = {};
  const scheduled = earliest('date');
  const deadline = earliest('date_deadline');
  if (scheduled) vals.scheduled_date = scheduled;
  if (deadline) vals.date_deadline = deadline;
  if (Object.keys(vals).length > 0) writeRecords(env, 'stock.picking', [pickingId], vals);
}

/** button_confirm: draft/sent → purchase, and an incoming receipt into the warehouse stock. */
export function confirmPurchaseOrders(env: Env, ids: number[]): boolean {
  for (const id of ids) {
    const order = getRec(env, 'purchase.order', id) as Rec;
    if (!['draft', 'sent'].includes(order.state as string)) continue;
    writeRecords(env, 'purchase.order', [id], { state: 'purchase', date_approve: env.now });
    const lines = purchaseLines(env, id).filter((l) => !l.display_type && l.product_id);
    if (lines.length === 0) continue;
    const pickingId = createReceipt(env, order);
    if (pickingId === undefined) continue;
    createRecords(
      env,
      'stock.move',
      lines.map((l) => receiptMoveVals(env, order, l, pickingId, l.product_qty as number)),
    );
    assignPickings(env, [pickingId]);
    syncPickingDates(env, pickingId);
  }
  return true;
}
