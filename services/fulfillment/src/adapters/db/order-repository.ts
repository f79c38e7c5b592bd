import type { Address, OrderAccepted } from '@o2c/contracts';
import type { Knex } from 'knex';
import type { Line, OrderView } from '../../domain';
import { findImport } from './import-repository';
import { shipmentsOfOrder } from './shipment-repository';

export interface OrderRow {
  order_id: string;
  warehouse_code: string;
  /** Null for an order imported from Odoo (no saga books it). */
  ship_to: Address | null;
  lines: Line[];
  cancelled_at: Date | null;
  updated_at: Date;
}

/** The first OrderAccepted wins; a replay changes nothing. */
export async function insertOrder(trx: Knex, o: OrderAccepted): Promise<void> {
  await trx('orders')
    .insert({
      order_id: o.orderId,
      warehouse_code: o.warehouseCode,
      ship_to: JSON.stringify(o.shipTo),
      lines: JSON.stringify(
        o.lines.map((l) => ({ lineNo: l.lineNo, sku: l.sku, quantity: l.quantity, uom: l.uom })),
      ),
    })
    .onConflict('order_id')
    .ignore();
}

export async function findOrder(trx: Knex, orderId: string, lock = false) {
  const q = trx('orders').where({ order_id: orderId }).first<OrderRow | undefined>();
  return lock ? q.forUpdate() : q;
}

export async function touchOrder(trx: Knex, orderId: string, patch: Partial<OrderRow> = {}) {
  await trx('orders')
    .where({ order_id: orderId })
    .update({ ...patch, updated_at: trx.fn.now() });
}

/**
 * Everything the order-level decisions (last shipment, state) need. One query at a time: they
 * share the transaction's connection, which runs them one by one anyway.
 */
export async function loadOrderView(trx: Knex, order: OrderRow): Promise<OrderView> {
  const shipments = await shipmentsOfOrder(trx, order.order_id);
  const releases = await trx('releases')
    .where({ order_id: order.order_id })
    .select<Array<{ reservation_id: string; lines: Line[] }>>('reservation_id', 'lines');
  const backorders = await trx('backorders')
    .where({ order_id: order.order_id })
    .select<Array<{ line_no: number; outstanding: number }>>('line_no', 'outstanding');
  const imported = await findImport(trx, order.order_id);
  return {
    cancelled: order.cancelled_at !== null,
    lines: order.lines,
    shipments,
    releases: releases.map((r) => ({ reservationId: r.reservation_id, lines: r.lines })),
    openBackorders: Object.fromEntries(backorders.map((b) => [String(b.line_no), b.outstanding])),
    ...(imported ? { imported } : {}),
  };
}

/** Adds a StockBackordered once per backorderId. */
export async function addBackorder(
  trx: Knex,
  backorderId: string,
  orderId: string,
  lines: Array<{ lineNo: number; quantity: number }>,
): Promise<boolean> {
  const seen = await trx('backorders_seen')
    .insert({ backorder_id: backorderId, order_id: orderId })
    .onConflict('backorder_id')
    .ignore()
    .returning('backorder_id');
  if (seen.length === 0) return false;
  for (const l of lines) {
    await trx('backorders')
      .insert({ order_id: orderId, line_no: l.lineNo, outstanding: l.quantity })
      .onConflict(['order_id', 'line_no'])
      .merge({ outstanding: trx.raw('backorders.outstanding + excluded.outstanding') });
  }
  return true;
}

/** A later reservation fills open backorders of its lines. */
export async function fillBackorders(
  trx: Knex,
  orderId: string,
  lines: Array<{ lineNo: number; quantity: number }>,
): Promise<void> {
  for (const l of lines) {
    await trx('backorders')
      .where({ order_id: orderId, line_no: l.lineNo })
      .update({ outstanding: trx.raw('greatest(0, outstanding - ?)', [l.quantity]) });
  }
}

export async function addRelease(
  trx: Knex,
  r: { reservationId: string; orderId: string; reasonCode: string; lines: Line[] },
): Promise<boolean> {
  const rows = await trx('releases')
    .insert({
      reservation_id: r.reservationId,
      order_id: r.orderId,
      reason_code: r.reasonCode,
      lines: JSON.stringify(r.lines),
    })
    .onConflict('reservation_id')
    .ignore()
    .returning('reservation_id');
  return rows.length > 0;
}

/**
 * Serialises OrderAccepted with the reservation events of the same order before the order row
 * exists (it cannot be locked yet), so a parked event is never missed by both sides.
 */
export async function lockOrderKey(trx: Knex, orderId: string): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [orderId]);
}
