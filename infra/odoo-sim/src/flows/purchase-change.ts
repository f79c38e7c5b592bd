import { userError } from '../errors';
import { byField, getRec, mutableBy } from '../orm/records';
import type { Env, Rec } from '../orm/types';
import { createRecords, touch, writeRecords } from '../orm/write';
import { assignPickings, reserveMove, syncPickingState, unreserveMove } from './reserve';
import {
  createReceipt,
  earliestLineDate,
  purchaseBills,
  purchaseLines,
  qtyReceived,
  receiptMoveVals,
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

/** What the line already procured: done moves count what they moved, open ones their demand. */
function procured(env: Env, line: Rec): number {
  return byField(env, 'stock.move', 'purchase_line_id', line.id)
    .filter((m) => m.state !== 'cancel')
    .reduce(
      (s, m) =>
        s +
        (m.state === 'done' && env.profile.moveQtyField === 'quantity'
          ? ((m.quantity as number | undefined) ?? 0)
          : (m.product_uom_qty as number)),
      0,
    );
}

const EPS = 1e-9;

/**
 * purchase_stock `_create_or_update_picking` after a `product_qty` write on a confirmed order: the
 * difference goes to the line's open receipt move (merged into it; a move brought to zero is
 * cancelled), or to a new move in an open receipt (a new receipt if none is left).
 */
function updateReceipt(env: Env, line: Rec): void {
  const order = getRec(env, 'purchase.order', line.order_id as number) as Rec;
  const qty = line.product_qty as number;
  if (qty + EPS < qtyReceived(env, line))
    throw userError(
      'You cannot decrease the ordered quantity below the received quantity.\nCreate a return first.',
    );
  const delta = qty - procured(env, line);
  if (Math.abs(delta) < EPS) return;
  const lineMoves = mutableBy(env, 'stock.move', 'purchase_line_id', line.id).filter(open);
  const target = lineMoves.find((m) => {
    const picking = getRec(env, 'stock.picking', m.picking_id as number);
    return picking !== undefined && open(picking);
  });
  if (target) {
    const demand = (target.product_uom_qty as number) + delta;
    if (demand < -EPS) return;
    unreserveMove(env, target);
    writeRecords(env, 'stock.move', [target.id], { product_uom_qty: Math.max(0, demand) });
    if (demand <= EPS && target.picked !== true) cancelMove(env, target);
    else reserveMove(env, target);
    syncPickingState(env, target.picking_id as number);
    return;
  }
  if (delta <= 0) return;
  const openPicking = byField(env, 'stock.picking', 'purchase_id', order.id).find(open);
  const pickingId = openPicking?.id ?? createReceipt(env, order);
  if (pickingId === undefined) return;
  createRecords(env, 'stock.move', [receiptMoveVals(env, order, line, pickingId, delta)]);
  assignPickings(env, [pickingId]);
}

/** purchase.order.line write: quantities reach the receipt, dates the open moves' deadline. */
export function afterLineWrite(env: Env, ids: number[], vals: Record<string, unknown>): void {
  const orders = new Set<number>();
  for (const id of ids) {
    const line = getRec(env, 'purchase.order.line', id);
    if (!line || line.display_type) continue;
    orders.add(line.order_id as number);
    if ('date_planned' in vals && vals.date_planned)
      for (const m of mutableBy(env, 'stock.move', 'purchase_line_id', id).filter(open))
        writeRecords(env, 'stock.move', [m.id], { date_deadline: line.date_planned });
    const state = getRec(env, 'purchase.order', line.order_id as number)?.state;
    if ('product_qty' in vals && state === 'purchase' && line.product_id) updateReceipt(env, line);
  }
  if ('date_planned' in vals)
    for (const orderId of orders) {
      const order = getRec(env, 'purchase.order', orderId);
      if (order) order.date_planned = earliestLineDate(env, orderId);
      touch(env, 'purchase.order', [orderId]);
    }
}
