import type { OrderAccepted, OrderCancelled } from '@o2c/contracts';
import type { Knex } from 'knex';
import type { Order } from '../../domain';
import { msOrNull, num, toDate } from './rows';

/** Idempotent on the order id: a replayed OrderAccepted changes nothing. */
export async function saveOrder(trx: Knex, o: OrderAccepted): Promise<boolean> {
  const inserted = await trx('orders')
    .insert({
      order_id: o.orderId,
      customer_id: o.customerId,
      currency: o.currency,
      warehouse_code: o.warehouseCode,
      total_minor: o.totalMinor,
      accepted_at: toDate(o.acceptedAt),
    })
    .onConflict('order_id')
    .ignore()
    .returning('order_id');
  if (inserted.length === 0) return false;
  await trx('order_lines').insert(
    o.lines.map((l) => ({
      order_id: o.orderId,
      line_no: l.lineNo,
      sku: l.sku,
      quantity: l.quantity,
      uom: l.uom,
      unit_price_minor: l.unitPriceMinor,
    })),
  );
  return true;
}

/** The first cancellation wins; returns false when the order is unknown or already cancelled. */
export async function markCancelled(trx: Knex, c: OrderCancelled): Promise<boolean> {
  const n = await trx('orders')
    .where({ order_id: c.orderId })
    .whereNull('cancelled_at')
    .update({ cancelled_at: toDate(c.cancelledAt), cancel_reason: c.reasonCode });
  return n > 0;
}

interface OrderRow {
  order_id: string;
  customer_id: string;
  currency: string;
  cancelled_at: Date | null;
}

interface LineRow {
  line_no: number;
  sku: string;
  quantity: number;
  uom: string;
  unit_price_minor: string;
}

export async function loadOrder(db: Knex, orderId: string): Promise<Order | undefined> {
  const row = await db<OrderRow>('orders').where({ order_id: orderId }).first();
  if (!row) return undefined;
  const lines = await db('order_lines')
    .where({ order_id: orderId })
    .orderBy('line_no')
    .select<LineRow[]>();
  return {
    orderId: row.order_id,
    customerId: row.customer_id,
    currency: row.currency,
    cancelledAt: msOrNull(row.cancelled_at),
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      sku: l.sku,
      quantity: l.quantity,
      uom: l.uom,
      unitPriceMinor: num(l.unit_price_minor),
    })),
  };
}

export const allOrderIds = async (db: Knex): Promise<string[]> =>
  (await db('orders').select('order_id').orderBy('accepted_at')).map(
    (r: { order_id: string }) => r.order_id,
  );
