import type { ShipmentDelivered, ShipmentDispatched } from '@o2c/contracts';
import type { Knex } from 'knex';
import type { Shipment } from '../../domain';
import { ms, msOrNull, toDate } from './rows';

/** Idempotent on the shipment id. */
export async function saveShipment(trx: Knex, s: ShipmentDispatched): Promise<void> {
  const inserted = await trx('shipments')
    .insert({
      shipment_id: s.shipmentId,
      order_id: s.orderId,
      dispatched_at: toDate(s.dispatchedAt),
      last_shipment: s.lastShipment,
    })
    .onConflict('shipment_id')
    .ignore()
    .returning('shipment_id');
  if (inserted.length === 0) return;
  await trx('shipment_lines').insert(
    s.lines.map((l, position) => ({
      shipment_id: s.shipmentId,
      position,
      line_no: l.lineNo,
      sku: l.sku,
      quantity: l.quantity,
      uom: l.uom,
    })),
  );
}

/** Returns false when the shipment is not known (yet). */
export async function markDelivered(trx: Knex, d: ShipmentDelivered): Promise<boolean> {
  const n = await trx('shipments')
    .where({ shipment_id: d.shipmentId })
    .update({ delivered_at: trx.raw('coalesce(delivered_at, ?)', [toDate(d.deliveredAt)]) });
  return n > 0;
}

interface Row {
  shipment_id: string;
  order_id: string;
  dispatched_at: Date;
  delivered_at: Date | null;
}

interface LineRow {
  shipment_id: string;
  line_no: number;
  sku: string;
  quantity: number;
  uom: string;
}

export async function loadShipments(db: Knex, orderId: string): Promise<Shipment[]> {
  const rows = await db<Row>('shipments').where({ order_id: orderId }).orderBy('dispatched_at');
  const lines = await db<LineRow>('shipment_lines')
    .whereIn(
      'shipment_id',
      rows.map((r) => r.shipment_id),
    )
    .orderBy(['shipment_id', 'position']);
  return rows.map((r) => ({
    shipmentId: r.shipment_id,
    orderId: r.order_id,
    dispatchedAt: ms(r.dispatched_at),
    deliveredAt: msOrNull(r.delivered_at),
    lines: lines
      .filter((l) => l.shipment_id === r.shipment_id)
      .map((l) => ({ lineNo: l.line_no, sku: l.sku, quantity: l.quantity, uom: l.uom })),
  }));
}
