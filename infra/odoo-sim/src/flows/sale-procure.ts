import { userError } from '../errors';
import { allRecs, byField, getRec, mutableBy, val } from '../orm/records';
import type { Env, Rec } from '../orm/types';
import { createRecords, writeRecords } from '../orm/write';
import { assignPickings, moveReserved, syncPickingState, unreserveMove } from './reserve';
import { orderLines, qtyDelivered } from './sale-compute';
import { movedQuantity } from './done';

function isGoods(env: Env, productId: number): boolean {
  if (env.profile.storableField === 'is_storable') {
    return val(env, 'product.product', productId, 'type') !== 'service';
  }
  return val(env, 'product.product', productId, 'detailed_type') !== 'service';
}

function customerLocation(env: Env): number {
  return allRecs(env, 'stock.location').find((l) => l.usage === 'customer')?.id ?? 0;
}

/** Demand already covered by the line's live outgoing moves (minus returns). */
function procured(env: Env, line: Rec): number {
  return byField(env, 'stock.move', 'sale_line_id', line.id)
    .filter((m) => m.state !== 'cancel')
    .reduce(
      (s, m) =>
        s +
        (getRec(env, 'stock.location', m.location_dest_id as number)?.usage === 'customer'
          ? 1
          : -1) *
          // sale_stock `_get_qty_procurement`: a done move counts what it moved
          (m.state === 'done' ? movedQuantity(env, m) : (m.product_uom_qty as number)),
      0,
    );
}

function openPicking(env: Env, order: Rec, typeId: number): number | undefined {
  return byField(env, 'stock.picking', 'sale_id', order.id).find(
    (p) => p.picking_type_id === typeId && !['done', 'cancel'].includes(p.state as string),
  )?.id;
}

/**
 * A decreased line: Odoo runs a negative procurement whose move is merged into the line's open
 * move (`stock.move._merge_moves` absorbs negative moves), lowering its demand; a move brought to
 * 0 is cancelled, and one reserved beyond its new demand is unreserved (`stock.move.write`).
 */
function absorbDecrease(env: Env, line: Rec, excess: number): void {
  const open = mutableBy(env, 'stock.move', 'sale_line_id', line.id)
    .filter((m) => !['done', 'cancel'].includes(m.state as string))
    .sort((a, b) => b.id - a.id);
  let left = excess;
  for (const move of open) {
    if (left <= 1e-9) break;
    const demand = move.product_uom_qty as number;
    const take = Math.min(demand, left);
    left -= take;
    const next = demand - take;
    const unreserve = moveReserved(env, move) > next;
    if (unreserve) unreserveMove(env, move);
    writeRecords(env, 'stock.move', [move.id], {
      product_uom_qty: next,
      ...(unreserve && env.profile.moveQtyField === 'quantity' ? { quantity: 0 } : {}),
      state: next <= 1e-9 ? 'cancel' : unreserve ? 'confirmed' : move.state,
    });
    if (typeof move.picking_id === 'number') syncPickingState(env, move.picking_id);
  }
}

/**
 * A raised line: Odoo's new procurement move is merged (`stock.move._merge_moves`) into the line's
 * open move in the same delivery, so that move's demand goes up (4 → 5) and no move is added.
 * A move someone already picked quantities on is left alone (a new move then carries the rest).
 */
function mergeIntoOpenMove(env: Env, line: Rec, pickingId: number, qty: number): boolean {
  const open = mutableBy(env, 'stock.move', 'sale_line_id', line.id).find(
    (m) =>
      m.picking_id === pickingId &&
      m.picked !== true &&
      !((m.quantity_done as number | undefined) ?? 0) &&
      !['done', 'cancel'].includes(m.state as string),
  );
  if (!open) return false;
  writeRecords(env, 'stock.move', [open.id], {
    product_uom_qty: (open.product_uom_qty as number) + qty,
    state: 'confirmed',
  });
  return true;
}

/** `_update_line_quantity` (sale_stock): never below what was already delivered. */
export function checkLineQuantity(env: Env, lineIds: number[]): void {
  for (const id of lineIds) {
    const line = getRec(env, 'sale.order.line', id);
    if (!line || typeof line.product_id !== 'number' || !isGoods(env, line.product_id)) continue;
    if ((line.product_uom_qty as number) < qtyDelivered(env, line) - 1e-9) {
      throw userError(
        'The ordered quantity of a sale order line cannot be decreased below the amount already delivered. Instead, create a return in your inventory.',
      );
    }
  }
}

/**
 * `_action_launch_stock_rule`: procures only the difference between a line's quantity and what
 * its live moves already cover, for the given lines (all of the order on confirmation): missing
 * demand becomes moves in the order's open delivery, excess is absorbed by the open moves, so
 * re-confirming, adding or changing lines never duplicates demand.
 */
export function launchStockRule(env: Env, order: Rec, lineIds?: ReadonlySet<number>): void {
  const wh = getRec(env, 'stock.warehouse', order.warehouse_id as number);
  const type = wh ? getRec(env, 'stock.picking.type', wh.out_type_id as number) : undefined;
  if (!wh || !type) throw userError('No warehouse defined for the sales order.');
  const diffs = orderLines(env, order.id)
    .filter((l) => !lineIds || lineIds.has(l.id))
    .filter(
      (l) => !l.display_type && typeof l.product_id === 'number' && isGoods(env, l.product_id),
    )
    .map((l) => ({ line: l, qty: (l.product_uom_qty as number) - procured(env, l) }));
  for (const d of diffs.filter((n) => n.qty < -1e-9)) absorbDecrease(env, d.line, -d.qty);
  const needs = diffs.filter((n) => n.qty > 1e-9);
  if (needs.length === 0) return;
  const partner = order.partner_shipping_id || order.partner_id;
  const pickingId =
    openPicking(env, order, type.id) ??
    createRecords(env, 'stock.picking', [
      {
        picking_type_id: type.id,
        partner_id: partner,
        location_id: wh.lot_stock_id,
        location_dest_id: customerLocation(env),
        origin: order.name,
        sale_id: order.id,
        carrier_id: order.carrier_id ?? false,
        scheduled_date: order.commitment_date || env.now,
      },
    ])[0];
  const fresh = needs.filter(({ line, qty }) => !mergeIntoOpenMove(env, line, pickingId ?? 0, qty));
  createRecords(
    env,
    'stock.move',
    fresh.map(({ line, qty }) => ({
      product_id: line.product_id,
      product_uom_qty: qty,
      product_uom: line[env.profile.lineUomField] || 1,
      location_id: wh.lot_stock_id,
      location_dest_id: customerLocation(env),
      picking_id: pickingId,
      picking_type_id: type.id,
      partner_id: partner,
      sale_line_id: line.id,
      origin: order.name,
      state: 'confirmed',
    })),
  );
  assignPickings(env, [pickingId ?? 0]);
}
