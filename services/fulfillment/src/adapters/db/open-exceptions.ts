import type { Knex } from 'knex';

export interface OpenExceptions {
  /** The exception's code in lower case (`fulfillment_failed`, `delivery_overdue`…). */
  kind: string;
  count: number;
  /** Epoch ms the oldest of them was raised. */
  oldestAt: number;
}

/**
 * Exceptions this service raised (one `EXCEPTION:<code>` compensation row each) that nothing has
 * settled yet: an exception is settled once its shipment, or a later shipment of its order, is
 * delivered, or once its order is cancelled (an operator's way to close it). Reads the partial
 * index of exception rows, then shipments and orders by key.
 */
export async function openExceptions(db: Knex): Promise<OpenExceptions[]> {
  const { rows } = await db.raw<{ rows: Array<{ kind: string; count: number; oldestAt: string }> }>(
    `select lower(substr(c.kind, length('EXCEPTION:') + 1)) as kind, count(*)::int as count,
            min(c.at) as "oldestAt"
       from compensations c
       join shipments s on s.shipment_id = c.shipment_id
      where c.kind like 'EXCEPTION:%'
        and not exists (
          select 1 from shipments d
           where d.order_id = s.order_id and d.state = 'DELIVERED'
             and (d.shipment_id = s.shipment_id or d.created_at > s.created_at))
        and not exists (
          select 1 from orders o where o.order_id = s.order_id and o.cancelled_at is not null)
      group by 1`,
  );
  return rows.map((r) => ({ kind: r.kind, count: r.count, oldestAt: Number(r.oldestAt) }));
}
