import type { Knex } from 'knex';
import type { Invoice, InvoiceLine } from '../../domain';
import { ms, num, toDate } from './rows';

export async function saveInvoice(trx: Knex, i: Invoice): Promise<void> {
  await trx('invoices').insert({
    invoice_id: i.invoiceId,
    invoice_number: i.invoiceNumber,
    order_id: i.orderId,
    shipment_id: i.shipmentId,
    customer_id: i.customerId,
    currency: i.currency,
    net_minor: i.netMinor,
    tax_minor: i.taxMinor,
    total_minor: i.totalMinor,
    tax_rate_bps: i.taxRateBps,
    issued_at: toDate(i.issuedAt),
    due_at: toDate(i.dueAt),
  });
  await trx('invoice_lines').insert(
    i.lines.map((l, position) => ({
      invoice_id: i.invoiceId,
      position,
      line_no: l.lineNo,
      sku: l.sku,
      quantity: l.quantity,
      uom: l.uom,
      unit_price_minor: l.unitPriceMinor,
      amount_minor: l.amountMinor,
      tax_minor: l.taxMinor,
    })),
  );
}

interface Row {
  invoice_id: string;
  invoice_number: string;
  order_id: string;
  shipment_id: string;
  customer_id: string;
  currency: string;
  net_minor: string;
  tax_minor: string;
  total_minor: string;
  tax_rate_bps: number;
  issued_at: Date;
  due_at: Date;
}

interface LineRow {
  invoice_id: string;
  line_no: number;
  sku: string;
  quantity: number;
  uom: string;
  unit_price_minor: string;
  amount_minor: string;
  tax_minor: string;
}

async function withLines(db: Knex, rows: Row[]): Promise<Invoice[]> {
  const lines = await db<LineRow>('invoice_lines')
    .whereIn(
      'invoice_id',
      rows.map((r) => r.invoice_id),
    )
    .orderBy(['invoice_id', 'position']);
  const linesOf = (id: string): InvoiceLine[] =>
    lines
      .filter((l) => l.invoice_id === id)
      .map((l) => ({
        lineNo: l.line_no,
        sku: l.sku,
        quantity: l.quantity,
        uom: l.uom,
        unitPriceMinor: num(l.unit_price_minor),
        amountMinor: num(l.amount_minor),
        taxMinor: num(l.tax_minor),
      }));
  return rows.map((r) => ({
    invoiceId: r.invoice_id,
    invoiceNumber: r.invoice_number,
    orderId: r.order_id,
    shipmentId: r.shipment_id,
    customerId: r.customer_id,
    currency: r.currency,
    lines: linesOf(r.invoice_id),
    netMinor: num(r.net_minor),
    taxMinor: num(r.tax_minor),
    totalMinor: num(r.total_minor),
    taxRateBps: r.tax_rate_bps,
    issuedAt: ms(r.issued_at),
    dueAt: ms(r.due_at),
  }));
}

export async function findInvoiceOfShipment(
  db: Knex,
  shipmentId: string,
): Promise<Invoice | undefined> {
  const rows = await db<Row>('invoices').where({ shipment_id: shipmentId });
  return (await withLines(db, rows))[0];
}

export async function loadInvoices(db: Knex, orderId: string): Promise<Invoice[]> {
  const rows = await db<Row>('invoices').where({ order_id: orderId }).orderBy('invoice_number');
  return withLines(db, rows);
}

/** By our invoice id as another system quotes it (text: it may not even be a UUID). */
export async function findInvoice(db: Knex, invoiceId: string): Promise<Invoice | undefined> {
  const rows = await db<Row>('invoices').whereRaw('invoice_id::text = ?', [invoiceId]);
  return (await withLines(db, rows))[0];
}
