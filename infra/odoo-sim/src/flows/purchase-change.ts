import { userError } from '../errors';
import { byField, getRec, mutableBy } from '../orm/records';
import type { Env, Rec } from '../orm/types';
import { createRecords, touch, writeRecords } from '../orm/write';
import { assignPickings, syncPickingState, unreserveMove } from './reserve';
import {
  createReceipt,
  earliestLineDate,
  purchaseBills,
  purchaseLines,
  qtyReceived,
  receiptMoveVals,
  supplierLocation,
  syncPickingDates,
} from './purchase';

const open = (r: Rec) => r.state !== 'done' && r.state !== 'cancel';

function cancelMove(env: Env, move: Rec): void {
  unreserveMove(env, move);
  writeRecords(env, 'stock.move', [move.id], {
    state: 'cancel',
    ...(env.profile.moveQtyField === 'quantity' ? { quantity: 0 } : {}),
  });
}

/**
 * purchase_stock `button_cancel`: refused once a receipt is done or a bill is posted; otherwise the
 * open moves and receipts are cancelled with the order. Answers None, like Odoo.
 */
export function cancelPurchaseOrders(env: Env, ids: number[]): undefined {
  for (const id of ids) {
    const order = getRec(env, 'purchase.order', id) as Rec;
    const moves = purchaseLines(env, id).flatMap((l) =>
      mutableBy(env, 'stock.move', 'purchase_line_id', l.id),
    );
    if (moves.some((m) => m.state === 'done'))
      throw userError(
        `Unable to cancel purchase order ${String(order.name)} as some receptions have already been done.`,
      );
    if (
      purchaseBills(env, id).some((b) =>
        ['posted'].includes(getRec(env, 'account.move', b)?.state as string),
      )
    )
      throw userError(
        'Unable to cancel this purchase order. You must first cancel the related vendor bills.',
      );
    moves.filter(open).forEach((m) => cancelMove(env, m));
    for (const picking of mutableBy(env, 'stock.picking', 'purchase_id', id)) {
      if (picking.state === 'cancel') continue;
      mutableBy(env, 'stock.move', 'picking_id', picking.id)
        .filter(open)
        .forEach((m) => cancelMove(env, m));
      syncPickingState(env, picking.id);
    }
  }
  writeRecords(env, 'purchase.order', ids, { state: 'cancel' });
  return undefined;
}

const toVendor = (env: Env, m: Rec) =>
  getRec(env, 'stock.location', m.location_dest_id as number)?.usage === 'supplier';

/**
 * `_get_qty_procurement`: what the line's moves already bring (done ones what they moved, open
 * ones their demand), less what its returns send back.
 */
function procured(env: Env, line: Rec): number {
  return byField(env, 'stock.move', 'purchase_line_id', line.id)
    .filter((m) => m.state !== 'cancel')
    .reduce((s, m) => {
      const qty =
        m.state === 'done' && env.profile.moveQtyField === 'quantity'
          ? ((m.quantity as number | undefined) ?? 0)
          : (m.product_uom_qty as number);
      return toVendor(env, m) ? s - qty : s + qty;
    }, 0);
}

const EPS = 1e-9;

/** The receipt a raise goes to: the line's open receipt, else the order's, else a new one. */
function openReceipt(env: Env, order: Rec, line: Rec): number | undefined {
  const isOpenReceipt = (p: Rec | undefined) =>
    p !== undefined &&
    open(p) &&
    getRec(env, 'stock.location', p.location_dest_id as number)?.usage === 'internal';
  const ofLine = byField(env, 'stock.move', 'purchase_line_id', line.id)
    .filter(open)
    .map((m) => getRec(env, 'stock.picking', m.picking_id as number))
    .find(isOpenReceipt);
  const ofOrder = byField(env, 'stock.picking', 'purchase_id', order.id).find(isOpenReceipt);
  return ofLine?.id ?? ofOrder?.id ?? createReceipt(env, order);
}

/**
 * A lowered quantity (observed on 17): the receipt keeps expecting the old quantity and the
 * difference leaves as a return, a move from the receipt's destination back to the vendor in a
 * picking of the receipt type's return type (the warehouse's deliveries).
 */
function returnPicking(env: Env, order: Rec, receiptType: Rec): number {
  const warehouse = getRec(env, 'stock.warehouse', receiptType.warehouse_id as number);
  const typeId = (receiptType.return_picking_type_id || warehouse?.out_type_id) as number;
  const existing = byField(env, 'stock.picking', 'purchase_id', order.id).find(
    (p) =>
      open(p) &&
      p.picking_type_id === typeId &&
      p.location_id === receiptType.default_location_dest_id,
  );
  if (existing) return existing.id;
  const [id] = createRecords(env, 'stock.picking', [
    {
      picking_type_id: typeId,
      partner_id: order.partner_id,
      location_id: receiptType.default_location_dest_id,
      location_dest_id: supplierLocation(env),
      origin: order.name,
      purchase_id: order.id,
    },
  ]);
  return id ?? 0;
}

/**
 * The open receipt move a change merges into (stock.move `_merge_moves`): the line's, in an open
 * receipt, with the deadline the new move would get (so only when the line kept its date).
 */
function mergeTarget(env: Env, line: Rec): Rec | undefined {
  return mutableBy(env, 'stock.move', 'purchase_line_id', line.id).find((m) => {
    const picking = getRec(env, 'stock.picking', m.picking_id as number);
    return (
      open(m) &&
      !toVendor(env, m) &&
      picking !== undefined &&
      open(picking) &&
      m.date_deadline === line.date_planned
    );
  });
}

function setDemand(env: Env, move: Rec, demand: number): void {
  unreserveMove(env, move);
  writeRecords(env, 'stock.move', [move.id], { product_uom_qty: demand });
  if (demand <= EPS && move.picked !== true) cancelMove(env, move);
  else assignPickings(env, [move.picking_id as number]);
  syncPickingState(env, move.picking_id as number);
}

/**
 * purchase_stock `_create_or_update_picking` after a `product_qty` write on a confirmed order, as
 * observed on 17: the difference becomes a move of the open receipt (a negative one sends goods
 * back: a return), merged into the line's open move when their deadlines match, else kept apart;
 * never below what was received.
 */
function updateReceipt(env: Env, line: Rec): void {
  const order = getRec(env, 'purchase.order', line.order_id as number) as Rec;
  const qty = line.product_qty as number;
  if (qty + EPS < qtyReceived(env, line))
    throw userError(
      'You cannot decrease the ordered quantity below the received quantity.\nCreate a return first.',
    );
  let delta = qty - procured(env, line);
  if (Math.abs(delta) < EPS) return;
  const target = mergeTarget(env, line);
  if (target) {
    const demand = (target.product_uom_qty as number) + delta;
    setDemand(env, target, Math.max(0, demand));
    syncPickingDates(env, target.picking_id as number);
    if (demand >= -EPS) return;
    delta = demand; // what the open move could not absorb goes back
  }
  let pickingId: number | undefined;
  if (delta > 0) pickingId = openReceipt(env, order, line);
  else {
    const type = getRec(env, 'stock.picking.type', order.picking_type_id as number);
    if (type) pickingId = returnPicking(env, order, type);
  }
  if (pickingId === undefined) return;
  const vals = receiptMoveVals(env, order, line, pickingId, Math.abs(delta));
  createRecords(env, 'stock.move', [vals]);
  assignPickings(env, [pickingId]);
  syncPickingDates(env, pickingId);
}

/** purchase.order.line write: quantities reach the receipt, dates the open moves' deadline. */
export function afterLineWrite(env: Env, ids: number[], vals: Record<string, unknown>): void {
  const orders = new Set<number>();
  for (const id of ids) {
    const line = getRec(env, 'purchase.order.line', id);
    if (!line || line.display_type) continue;
    orders.add(line.order_id as number);
    if ('date_planned' in vals && vals.date_planned)
      for (const m of mutableBy(env, 'stock.move', 'purchase_line_id', id).filter(open)) {
        writeRecords(env, 'stock.move', [m.id], { date_deadline: line.date_planned });
        if (typeof m.picking_id === 'number') syncPickingDates(env, m.picking_id);
      }
    const order = getRec(env, 'purchase.order', line.order_id as number);
    if ('product_qty' in vals && order?.state === 'purchase' && line.product_id) {
      // observed on 17: unless the write gives a date, the vendor price's lead time (0) brings
      // the line's date back to the order date
      if (!('date_planned' in vals && vals.date_planned)) line.date_planned = order.date_order;
      updateReceipt(env, line);
    }
  }
  if ('date_planned' in vals || 'product_qty' in vals)
    for (const orderId of orders) {
      const order = getRec(env, 'purchase.order', orderId);
      if (order) order.date_planned = earliestLineDate(env, orderId);
      touch(env, 'purchase.order', [orderId]);
    }
}
