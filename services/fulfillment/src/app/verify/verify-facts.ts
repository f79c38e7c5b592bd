import type { Knex } from 'knex';
import { loadOrderView, type OrderRow } from '../../adapters/db/order-repository';
import {
  orderState,
  shippedByLine,
  shippedByShipments,
  type ByLine,
  type Line,
} from '../../domain';

interface Violation {
  check: string;
  orderId: string | null;
  message: string;
}

const add = (into: ByLine, lines: Array<{ lineNo: number; quantity: number }>) => {
  for (const l of lines) into[String(l.lineNo)] = (into[String(l.lineNo)] ?? 0) + l.quantity;
  return into;
};

/** Effects that must happen at most once per shipment, by history label. */
const ONCE = [
  'FulfillmentRequested',
  'ShipmentDispatched',
  'ShipmentDelivered',
  'FulfillmentFailed:RELEASE_AND_ESCALATE',
  'OrderExceptionRaised:FULFILLMENT_FAILED',
];

/** GET /admin/verify: per-order facts for the platform checker and this service's invariants. */
export async function verifyFacts(db: Knex) {
  const violations: Violation[] = [];
  const orders: Record<string, unknown> = {};
  const rows = await db('orders').select<OrderRow[]>('*');
  const returns = await db('returns').select<Array<{ order_id: string; lines: Line[] }>>(
    'order_id',
    'lines',
  );
  const { rows: effects } = await db.raw<{
    rows: Array<{ order_id: string; shipment_id: string; label: string; n: string }>;
  }>(
    `select s.order_id, h.shipment_id, e.label, count(*) as n
       from shipment_history h
       join shipments s on s.shipment_id = h.shipment_id
       cross join lateral unnest(h.events) as e(label)
      group by s.order_id, h.shipment_id, e.label`,
  );
  for (const e of effects) {
    if (ONCE.includes(e.label) && Number(e.n) > 1)
      violations.push({
        check: e.label.includes(':') ? 'COMPENSATION_TWICE' : 'EFFECT_TWICE',
        orderId: e.order_id,
        message: `${e.label} emitted ${e.n} times for shipment ${e.shipment_id}`,
      });
  }
  const touched = await db('shipments')
    .groupBy('order_id')
    .select<Array<{ order_id: string; at: Date }>>('order_id', db.raw('max(updated_at) as at'));
  const shipmentsTouchedAt = new Map(touched.map((t) => [t.order_id, t.at.getTime()]));
  for (const order of rows) {
    const view = await loadOrderView(db, order);
    const shipped = shippedByLine(view);
    // Our shipments only: what Odoo delivered of an imported order (over-delivery included) was
    // not shipped against any reservation of ours.
    const ours = shippedByShipments(view);
    const returned = add(
      {},
      returns.filter((r) => r.order_id === order.order_id).flatMap((r) => r.lines),
    );
    for (const line of view.lines) {
      const k = String(line.lineNo);
      if ((ours[k] ?? 0) > line.quantity)
        violations.push({
          check: 'SHIPPED_MORE_THAN_RESERVED',
          orderId: order.order_id,
          message: `line ${k}: ${ours[k]} shipped, ${line.quantity} ordered`,
        });
      if ((returned[k] ?? 0) > (shipped[k] ?? 0))
        violations.push({
          check: 'RETURNED_MORE_THAN_SHIPPED',
          orderId: order.order_id,
          message: `line ${k}: ${returned[k]} returned, ${shipped[k] ?? 0} shipped`,
        });
    }
    orders[order.order_id] = {
      state: orderState(view),
      shippedByLine: shipped,
      returnedByLine: returned,
      shipments: view.shipments.length + (view.imported?.deliveries ?? 0),
      updatedAt: Math.max(order.updated_at.getTime(), shipmentsTouchedAt.get(order.order_id) ?? 0),
    };
  }
  return { service: 'fulfillment', checkedAt: Date.now(), violations, orders };
}
