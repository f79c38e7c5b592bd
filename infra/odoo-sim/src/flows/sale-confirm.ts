import { userError } from '../errors';
import { allRecs, getRec, val } from '../orm/records';
import type { Env, Rec } from '../orm/types';
import { createRecords, writeRecords } from '../orm/write';
import { assignPickings } from './reserve';
import { orderLines } from './sale-compute';

function isStorable(env: Env, productId: number): boolean {
  if (env.profile.storableField === 'is_storable')
    return val(env, 'product.product', productId, 'is_storable') === true;
  return val(env, 'product.product', productId, 'detailed_type') === 'product';
}

function isGoods(env: Env, productId: number): boolean {
  return val(env, 'product.product', productId, 'type') !== 'service' || isStorable(env, productId);
}

function customerLocation(env: Env): number {
  const loc = allRecs(env, 'stock.location').find((l) => l.usage === 'customer');
  return loc?.id ?? 0;
}

function createDelivery(env: Env, order: Rec): void {
  const wh = getRec(env, 'stock.warehouse', order.warehouse_id as number);
  const type = wh ? getRec(env, 'stock.picking.type', wh.out_type_id as number) : undefined;
  if (!wh || !type) throw userError('No warehouse defined for the sales order.');
  const uomField = env.profile.lineUomField;
  const lines = orderLines(env, order.id).filter(
    (l) => !l.display_type && typeof l.product_id === 'number' && isGoods(env, l.product_id),
  );
  if (lines.length === 0) return;
  const [pickingId] = createRecords(env, 'stock.picking', [
    {
      picking_type_id: type.id,
      partner_id: order.partner_shipping_id || order.partner_id,
      location_id: wh.lot_stock_id,
      location_dest_id: customerLocation(env),
      origin: order.name,
      sale_id: order.id,
      carrier_id: order.carrier_id ?? false,
      scheduled_date: order.commitment_date || env.now,
    },
  ]);
  createRecords(
    env,
    'stock.move',
    lines.map((l) => ({
      product_id: l.product_id,
      product_uom_qty: l.product_uom_qty,
      product_uom: l[uomField] || 1,
      location_id: wh.lot_stock_id,
      location_dest_id: customerLocation(env),
      picking_id: pickingId,
      picking_type_id: type.id,
      partner_id: order.partner_shipping_id || order.partner_id,
      sale_line_id: l.id,
      origin: order.name,
      state: 'confirmed',
    })),
  );
  assignPickings(env, [pickingId ?? 0]);
}

export function confirmSaleOrders(env: Env, ids: number[]): boolean {
  for (const id of ids) {
    const order = getRec(env, 'sale.order', id) as Rec;
    if (
      env.profile.version === 16
        ? ['done', 'cancel'].includes(order.state as string)
        : !['draft', 'sent'].includes(order.state as string)
    ) {
      throw userError(
        env.profile.version === 16
          ? 'It is not allowed to confirm an order in the following states: done, cancel'
          : `The following orders are not in a state requiring confirmation: ${String(order.name)}`,
      );
    }
    writeRecords(env, 'sale.order', [id], { state: 'sale', date_order: env.now });
    createDelivery(env, getRec(env, 'sale.order', id) as Rec);
  }
  return true;
}
