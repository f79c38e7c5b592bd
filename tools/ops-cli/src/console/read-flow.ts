import type { Db } from '@o2c/db';
import { orderFlowOf, type OrderFlow, type OrderStageRow } from './flow-stats';

interface Row {
  status: string;
  received: Date;
  accepted: Date | null;
  reserved: Date | null;
  shipped: Date | null;
  invoiced: Date | null;
}

const ms = (d: Date | null) => (d === null ? undefined : d.getTime());

/**
 * Orders received in the last `windowSeconds`, read from order-intake's database: the receipt is
 * received_at (created_at for orders older than it), a stage the first event of its type in the
 * order's timeline, as order-intake's o2c_order_stage_seconds times them.
 */
export async function readOrderFlow(db: Db, windowSeconds: number): Promise<OrderFlow> {
  const { rows } = await db.raw<{ rows: Row[] }>(
    `select o.status, coalesce(o.received_at, o.created_at) as received,
            min(e.occurred_at) filter (where e.event_type = 'OrderAccepted') as accepted,
            min(e.occurred_at) filter (where e.event_type = 'StockReserved') as reserved,
            min(e.occurred_at) filter (where e.event_type = 'ShipmentDispatched') as shipped,
            min(e.occurred_at) filter (where e.event_type = 'InvoiceIssued') as invoiced
       from orders o
       left join order_events e on e.order_id = o.order_id
      where coalesce(o.received_at, o.created_at) >= now() - make_interval(secs => ?)
      group by o.order_id`,
    [windowSeconds],
  );
  return orderFlowOf(
    rows.map((r): OrderStageRow => ({
      status: r.status,
      receivedAt: r.received.getTime(),
      reached: Object.fromEntries(
        (['accepted', 'reserved', 'shipped', 'invoiced'] as const)
          .map((stage) => [stage, ms(r[stage])] as const)
          .filter(([, at]) => at !== undefined),
      ),
    })),
  );
}
