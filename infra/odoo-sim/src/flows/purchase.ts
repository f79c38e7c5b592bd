import { allRecs, byField, getRec } from '../orm/records';
import type { Env, Rec } from '../orm/types';
import { createRecords, writeRecords } from '../orm/write';
import { assignPickings } from './reserve';
import { movedQuantity } from './done';

export function purchaseLines(env: Env, orderId: number): Rec[] {
  return byField(env, 'purchase.order.line', 'order_id', orderId);
}

export function qtyReceived(env: Env, line: Rec): number {
  return byField(env, 'stock.move', 'purchase_line_id', line.id)
    .filter((m) => m.state === 'done')
    .reduce((s, m) => s + movedQuantity(env, m), 0);
}

export function receiptStatus(env: Env, order: Rec): string | false {
  const pickings = byField(env, 'stock.picking', 'purchase_id', order.id).filter(
    (p) => p.state !== 'cancel',
  );
  if (pickings.length === 0) return false;
  if (pickings.every((p) => p.state === 'done')) return 'full';
  if (pickings.some((p) => p.state === 'done')) return 'partial';
  return 'pending';
}

function supplierLocation(env: Env): number {
  return allRecs(env, 'stock.location').find((l) => l.usage === 'supplier')?.id ?? 0;
}

/** button_confirm: draft/sent → purchase, and an incoming receipt into the warehouse stock. */
export function confirmPurchaseOrders(env: Env, ids: number[]): boolean {
  for (const id of ids) {
    const order = getRec(env, 'purchase.order', id) as Rec;
    if (!['draft', 'sent'].includes(order.state as string)) continue;
    writeRecords(env, 'purchase.order', [id], { state: 'purchase', date_approve: env.now });
    const type = getRec(env, 'stock.picking.type', order.picking_type_id as number);
    if (!type) continue;
    const [pickingId] = createRecords(env, 'stock.picking', [
      {
        picking_type_id: type.id,
        partner_id: order.partner_id,
        location_id: supplierLocation(env),
        location_dest_id: type.default_location_dest_id,
        origin: order.name,
        purchase_id: id,
        scheduled_date: order.date_planned || env.now,
      },
    ]);
    createRecords(
      env,
      'stock.move',
      purchaseLines(env, id).map((l) => ({
        product_id: l.product_id,
        product_uom_qty: l.product_qty,
        product_uom: l[env.profile.lineUomField] || 1,
        location_id: supplierLocation(env),
        location_dest_id: type.default_location_dest_id,
        picking_id: pickingId,
        picking_type_id: type.id,
        partner_id: order.partner_id,
        purchase_line_id: l.id,
        origin: order.name,
        state: 'confirmed',
      })),
    );
    assignPickings(env, [pickingId ?? 0]);
  }
  return true;
}
