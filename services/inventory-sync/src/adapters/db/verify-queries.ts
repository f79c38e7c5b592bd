import type { Knex } from 'knex';

export interface Violation {
  check: 'LEDGER_MISMATCH' | 'RESERVED_MISMATCH' | 'NEGATIVE_RESERVED';
  orderId: string | null;
  message: string;
}

const where = (r: { sku: string; warehouse_code: string }) => `${r.sku}@${r.warehouse_code}`;

/** Positions must equal their ledger's sums and their open reservations; reserved never < 0. */
export async function positionViolations(db: Knex): Promise<Violation[]> {
  const ledger = await db.raw<{
    rows: Array<{
      sku: string;
      warehouse_code: string;
      on_hand: string;
      reserved: string;
      l_on: string;
      l_res: string;
      open_res: string;
    }>;
  }>(`
    select p.sku, p.warehouse_code, p.on_hand, p.reserved,
           coalesce(l.on_hand, 0) as l_on, coalesce(l.reserved, 0) as l_res,
           coalesce(o.reserved, 0) as open_res
    from positions p
    left join (select sku, warehouse_code, sum(on_hand_delta) as on_hand,
                      sum(reserved_delta) as reserved
               from stock_ledger group by sku, warehouse_code) l
      using (sku, warehouse_code)
    left join (select rl.sku, r.warehouse_code, sum(rl.base_quantity) as reserved
               from reservation_lines rl join reservations r using (reservation_id)
               where r.state = 'open' group by rl.sku, r.warehouse_code) o
      using (sku, warehouse_code)`);
  const out: Violation[] = [];
  for (const r of ledger.rows) {
    const [onHand, reserved] = [Number(r.on_hand), Number(r.reserved)];
    if (onHand !== Number(r.l_on) || reserved !== Number(r.l_res)) {
      out.push({
        check: 'LEDGER_MISMATCH',
        orderId: null,
        message: `${where(r)}: position ${onHand}/${reserved}, ledger ${r.l_on}/${r.l_res} (on hand/reserved)`,
      });
    }
    if (reserved !== Number(r.open_res)) {
      out.push({
        check: 'RESERVED_MISMATCH',
        orderId: null,
        message: `${where(r)}: reserved ${reserved}, open reservation lines ${r.open_res}`,
      });
    }
    if (reserved < 0) {
      out.push({
        check: 'NEGATIVE_RESERVED',
        orderId: null,
        message: `${where(r)}: reserved ${reserved}`,
      });
    }
  }
  return out;
}

type ByLine = Record<string, number>;
export interface OrderFacts {
  reservedByLine: ByLine;
  backorderedByLine: ByLine;
  releasedByLine: ByLine;
  consumedByLine: ByLine;
}

/** Per-order quantities by line, in the order line's uom, for the cross-service checker. */
export async function orderFacts(db: Knex): Promise<Record<string, OrderFacts>> {
  const reserved = await db('reservation_lines as l')
    .join('reservations as r', 'r.reservation_id', 'l.reservation_id')
    .groupBy('r.order_id', 'r.state', 'l.line_no')
    .select('r.order_id', 'r.state', 'l.line_no')
    .sum({ qty: 'l.quantity' });
  const backordered = await db('backorder_lines as l')
    .join('backorders as b', 'b.backorder_id', 'l.backorder_id')
    .where('l.state', 'open')
    .groupBy('b.order_id', 'l.line_no')
    .select('b.order_id', 'l.line_no')
    .sum({ qty: 'l.open' });
  const orders = await db('orders').select('order_id');
  const facts: Record<string, OrderFacts> = {};
  const of = (id: string) =>
    (facts[id] ??= {
      reservedByLine: {},
      backorderedByLine: {},
      releasedByLine: {},
      consumedByLine: {},
    });
  const add = (m: ByLine, line: number, q: unknown) => {
    m[String(line)] = Math.round(((m[String(line)] ?? 0) + Number(q)) * 1e6) / 1e6;
  };
  for (const o of orders as Array<{ order_id: string }>) of(o.order_id);
  for (const r of reserved as Array<{
    order_id: string;
    state: string;
    line_no: number;
    qty: string;
  }>) {
    const f = of(r.order_id);
    add(f.reservedByLine, r.line_no, r.qty);
    if (r.state === 'released') add(f.releasedByLine, r.line_no, r.qty);
    if (r.state === 'consumed') add(f.consumedByLine, r.line_no, r.qty);
  }
  for (const b of backordered as Array<{ order_id: string; line_no: number; qty: string }>) {
    add(of(b.order_id).backorderedByLine, b.line_no, b.qty);
  }
  return facts;
}
