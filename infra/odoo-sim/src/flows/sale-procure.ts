import { userError } from '../errors';
import { allRecs, getRec, val } from '../orm/records';
import type { Env, Rec } from '../orm/types';
import { createRecords } from '../orm/write';
import { assignPickings } from './reserve';
import { orderLines } from './sale-compute';

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
  return allRecs(env, 'stock.move')
    .filter((m) => m.sale_line_id === line.id && m.state !== 'cancel')
    .reduce(
      (s, m) =>
        s +
        (getRec(env, 'stock.location', m.location_dest_id as number)?.usage === 'customer'
          ? 1
          : -1) *
          (m.product_uom_qty as number),
      0,
    );
}

function openPicking(env: Env, order: Rec, typeId: number): number | undefined {
  return allRecs(env, 'stock.picking').find(
    (p) =>
      p.sale_id === order.id &&
      p.picking_type_id === typeId &&
      !['done', 'cancel'].includes(p.state as string),
  )?.id;
}

/**
 * `_action_launch_stock_rule`: creates moves only for the quantity not yet procured, in the
 * order's open delivery if there is one, so re-confirming or adding lines never duplicates demand.
 */
export function launchStockRule(env: Env, order: Rec): void {
  const wh = getRec(env, 'stock.warehouse', order.warehouse_id as number);
  const type = wh ? getRec(env, 'stock.picking.type', wh.out_type_id as number) : undefined;
  if (!wh || !type) throw userError('No warehouse defined for the sales order.');
  const needs = orderLines(env, order.id)
    .filter(
      (l) => !l.display_type && typeof l.product_id === 'number' && isGoods(env, l.product_id),
    )
    .map((l) => ({ line: l, qty: (l.product_uom_qty as number) - procured(env, l) }))
    .filter((n) => n.qty > 0);
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
  createRecords(
    env,
    'stock.move',
    needs.map(({ line, qty }) => ({
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
