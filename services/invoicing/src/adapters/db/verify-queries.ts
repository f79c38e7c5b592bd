import type { Knex } from 'knex';

export interface Violation {
  check: string;
  orderId: string | null;
  message: string;
}

/** Each check is one query returning (order_id, message) per offending record. */
const CHECKS: Record<string, string> = {
  INVOICE_TWICE_FOR_SHIPMENT: `
    select min(order_id) order_id, 'shipment ' || shipment_id || ' has ' || count(*) || ' invoices' message
    from invoices group by shipment_id having count(*) > 1`,
  CREDIT_NOTE_TWICE_FOR_RETURN: `
    select min(order_id) order_id, 'return ' || return_id || ' has ' || count(*) || ' credit notes' message
    from credit_notes where return_id is not null group by return_id having count(*) > 1`,
  INVOICE_TOTAL_MISMATCH: `
    select d.order_id, d.invoice_number || ': header net/tax/total ' || d.net_minor || '/' || d.tax_minor
      || '/' || d.total_minor || ', lines ' || coalesce(l.net, 0) || '/' || coalesce(l.tax, 0) message
    from invoices d left join (select invoice_id, sum(amount_minor) net, sum(tax_minor) tax
      from invoice_lines group by invoice_id) l using (invoice_id)
    where coalesce(l.net, 0) <> d.net_minor or coalesce(l.tax, 0) <> d.tax_minor
      or d.net_minor + d.tax_minor <> d.total_minor`,
  CREDIT_NOTE_TOTAL_MISMATCH: `
    select d.order_id, d.credit_note_number || ': header net/tax/total ' || d.net_minor || '/'
      || d.tax_minor || '/' || d.total_minor || ', lines ' || coalesce(l.net, 0) || '/'
      || coalesce(l.tax, 0) message
    from credit_notes d left join (select credit_note_id, sum(amount_minor) net, sum(tax_minor) tax
      from credit_note_lines group by credit_note_id) l using (credit_note_id)
    where coalesce(l.net, 0) <> d.net_minor or coalesce(l.tax, 0) <> d.tax_minor
      or d.net_minor + d.tax_minor <> d.total_minor`,
  CREDITED_GT_INVOICED: `
    select i.order_id, i.invoice_number || ' line ' || il.line_no || ' (' || il.sku || '): credited '
      || c.qty || ' for ' || c.amount || ', invoiced ' || il.quantity || ' for ' || il.amount_minor message
    from invoice_lines il join invoices i using (invoice_id)
    join (select cn.invoice_id, cl.line_no, cl.sku, sum(cl.quantity) qty, sum(cl.amount_minor) amount
      from credit_note_lines cl join credit_notes cn using (credit_note_id)
      group by 1, 2, 3) c on c.invoice_id = il.invoice_id and c.line_no = il.line_no and c.sku = il.sku
    where c.qty > il.quantity + 1e-9 or c.amount > il.amount_minor`,
  INVOICED_NE_SHIPPED: `
    with s as (select shipment_id, line_no, sku, sum(quantity) qty from shipment_lines group by 1, 2, 3),
      v as (select i.shipment_id, l.line_no, l.sku, sum(l.quantity) qty
        from invoice_lines l join invoices i using (invoice_id) group by 1, 2, 3)
    select sh.order_id, 'shipment ' || sh.shipment_id || ' line ' || coalesce(s.line_no, v.line_no)
      || ' (' || coalesce(s.sku, v.sku) || '): shipped ' || coalesce(s.qty, 0) || ', invoiced '
      || coalesce(v.qty, 0) message
    from s full join v using (shipment_id, line_no, sku)
    join shipments sh on sh.shipment_id = coalesce(s.shipment_id, v.shipment_id)
    -- a shipment parked until its order arrives is in flight, not a violation; an imported
    -- order's shipments are billed by the path that wrote it in Odoo, not by invoicing
    join orders o on o.order_id = sh.order_id
    where abs(coalesce(s.qty, 0) - coalesce(v.qty, 0)) > 1e-9
      and not exists (select 1 from imported_orders io where io.order_id = sh.order_id)`,
  RETURN_EXCEEDS_INVOICED: `select order_id, reason message from rejected_returns`,
  DOCUMENT_NUMBER_GAP: `
    select null order_id, series || '/' || year || ': ' || n || ' documents numbered up to ' || top message
    from (select split_part(num, '/', 1) series, split_part(num, '/', 2) as year, count(*) n,
        max(split_part(num, '/', 3)::int) top
      from (select invoice_number num from invoices
        union all select credit_note_number from credit_notes) d group by 1, 2) g
    where n <> top`,
};

export async function findViolations(db: Knex): Promise<Violation[]> {
  const found: Violation[] = [];
  for (const [check, sql] of Object.entries(CHECKS)) {
    const { rows } = await db.raw<{ rows: Array<{ order_id: string | null; message: string }> }>(
      sql,
    );
    found.push(...rows.map((r) => ({ check, orderId: r.order_id, message: r.message })));
  }
  return found;
}

export interface OrderFacts {
  invoicedByLine: Record<string, number>;
  creditedByLine: Record<string, number>;
  invoices: number;
  invoicedMinor: number;
  creditedMinor: number;
  paidMinor: number;
  creditNotes: number;
  /** The order's currency, which its invoices and credit notes are in. */
  currency: string;
}

type ByLine = Array<{ order_id: string; line_no: number; qty: number }>;
type Money = Array<{ order_id: string; n: string; minor: string }>;

/** Per-order facts for the cross-service checker, from grouped queries (imported orders too). */
export async function orderFacts(db: Knex): Promise<Record<string, OrderFacts>> {
  const facts: Record<string, OrderFacts> = {};
  const of = (orderId: string) =>
    (facts[orderId] ??= {
      invoicedByLine: {},
      creditedByLine: {},
      invoices: 0,
      invoicedMinor: 0,
      creditedMinor: 0,
      paidMinor: 0,
      creditNotes: 0,
      currency: '',
    });
  const orders = await db('orders').select<Array<{ order_id: string; currency: string }>>(
    'order_id',
    'currency',
  );
  orders.forEach((o) => (of(o.order_id).currency = o.currency));
  const lines = (doc: string, id: string) => `
    select d.order_id, l.line_no, sum(l.quantity) qty from ${doc}_lines l
    join ${doc}s d using (${id}) group by 1, 2`;
  for (const r of (await db.raw<{ rows: ByLine }>(lines('invoice', 'invoice_id'))).rows)
    of(r.order_id).invoicedByLine[String(r.line_no)] = Number(r.qty.toFixed(9));
  for (const r of (await db.raw<{ rows: ByLine }>(lines('credit_note', 'credit_note_id'))).rows)
    of(r.order_id).creditedByLine[String(r.line_no)] = Number(r.qty.toFixed(9));
  const money = (sql: string) => db.raw<{ rows: Money }>(sql).then((x) => x.rows);
  for (const r of await money(
    'select order_id, count(*) n, sum(total_minor) minor from invoices group by 1',
  )) {
    of(r.order_id).invoices = Number(r.n);
    of(r.order_id).invoicedMinor = Number(r.minor);
  }
  // an imported order: what Odoo had invoiced per line, and the invoices it posted (tax included)
  const imported = `select order_id, line_no, invoiced_quantity qty from imported_order_lines
    where invoiced_quantity > 0`;
  for (const r of (await db.raw<{ rows: ByLine }>(imported)).rows) {
    const byLine = of(r.order_id).invoicedByLine;
    const line = String(r.line_no);
    byLine[line] = Number(((byLine[line] ?? 0) + r.qty).toFixed(9));
  }
  for (const r of await money(
    'select order_id, count(*) n, sum(total_minor) minor from imported_invoices group by 1',
  )) {
    of(r.order_id).invoices += Number(r.n);
    of(r.order_id).invoicedMinor += Number(r.minor);
  }
  for (const r of await money(
    'select order_id, count(*) n, sum(total_minor) minor from credit_notes group by 1',
  )) {
    of(r.order_id).creditNotes = Number(r.n);
    of(r.order_id).creditedMinor = Number(r.minor);
  }
  for (const r of await money(
    'select order_id, count(*) n, sum(amount_minor) minor from payments group by 1',
  ))
    of(r.order_id).paidMinor = Number(r.minor);
  return facts;
}
