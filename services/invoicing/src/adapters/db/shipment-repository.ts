import type { ShipmentDelivered, ShipmentDispatched } from '@o2c/contracts';
import type { Knex } from 'knex';
import type { Shipment } from '../../domain';
import { ms, msOrNull, toDate } from './rows';

/** Idempotent on the shipment id. */
export async function saveShipment(
  trx: Knex,
  s: ShipmentDispatched,
  eventId: string | null,
): Promise<void> {
  const inserted = await trx('shipments')
    .insert({
      shipment_id: s.shipmentId,
      order_id: s.orderId,
      dispatched_at: toDate(s.dispatchedAt),
      last_shipment: s.lastShipment,
      dispatch_event_id: eventId,
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
  dispatch_event_id: string | null;
}

interface LineRow {
  shipment_id: string;
  line_no: number;
  sku: string;
  quantity: number;
  uom: string;
}

export const loadShipments = async (db: Knex, orderId: string): Promise<Shipment[]> =>
  (await loadShipmentRows(db, orderId)).map((s) => s.shipment);

/** Shipments of an order with no invoice yet (they arrived before the order), oldest first. */
export const uninvoicedShipments = async (db: Knex, orderId: string) =>
  loadShipmentRows(db, orderId, (q) =>
    q.whereRaw('not exists (select 1 from invoices i where i.shipment_id = shipments.shipment_id)'),
  );

async function loadShipmentRows(
  db: Knex,
  orderId: string,
  filter: (q: Knex.QueryBuilder) => Knex.QueryBuilder = (q) => q,
): Promise<Array<{ shipment: Shipment; dispatchEventId: string | null }>> {
  const rows = await filter(db('shipments').where({ order_id: orderId }))
    .orderBy('dispatched_at')
    .select<Row[]>();
  const lines = await db<LineRow>('shipment_lines')
    .whereIn(
      'shipment_id',
      rows.map((r) => r.shipment_id),
    )
    .orderBy(['shipment_id', 'position']);
  return rows.map((r) => ({
    dispatchEventId: r.dispatch_event_id,
    shipment: {
      shipmentId: r.shipment_id,
      orderId: r.order_id,
      dispatchedAt: ms(r.dispatched_at),
      deliveredAt: msOrNull(r.delivered_at),
      lines: lines
        .filter((l) => l.shipment_id === r.shipment_id)
        .map((l) => ({ lineNo: l.line_no, sku: l.sku, quantity: l.quantity, uom: l.uom })),
    },
  }));
}
