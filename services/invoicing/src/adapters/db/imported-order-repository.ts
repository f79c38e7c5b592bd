import type { Knex } from 'knex';
import type {
  ImportedInvoice,
  ImportedOrder,
  ImportedRecord,
  ImportedState,
  ImportRefresh,
  KnownImport,
} from '../../domain';
import { ms, num, toDate } from './rows';

export async function knownImport(
  db: Knex,
  orderId: string,
  channelCode: string,
  channelOrderRef: string,
): Promise<KnownImport> {
  const order = await db('orders')
    .where({ order_id: orderId })
    .first<{ order_id: string } | undefined>('order_id');
  const imported = await db('imported_orders')
    .where({ channel_code: channelCode, channel_order_ref: channelOrderRef })
    .first<{ order_id: string } | undefined>('order_id');
  return {
    orderKnown: order !== undefined,
    imported: order && (await loadImportedState(db, orderId)),
    importedAs: imported?.order_id,
  };
}

interface StateRow {
  channel_code: string;
  channel_order_ref: string;
  odoo_sale_order_id: string;
  currency: string;
  imported_at: Date;
}

interface StateLineRow {
  line_no: number;
  sku: string;
  quantity: number;
  uom: string;
  unit_price_minor: string;
  delivered_quantity: number;
  invoiced_quantity: number;
}

/** The imported state last applied to an order; undefined for an order invoicing accepted. */
async function loadImportedState(db: Knex, orderId: string): Promise<ImportedState | undefined> {
  const head = await db('imported_orders as io')
    .join('orders as o', 'o.order_id', 'io.order_id')
    .where('io.order_id', orderId)
    .first<StateRow | undefined>('io.*', 'o.currency');
  if (!head) return undefined;
  const lines = await db('order_lines as l')
    .join('imported_order_lines as il', function on() {
      this.on('il.order_id', 'l.order_id').andOn('il.line_no', 'l.line_no');
    })
    .where('l.order_id', orderId)
    .orderBy('l.line_no')
    .select<StateLineRow[]>('l.*', 'il.delivered_quantity', 'il.invoiced_quantity');
  const invoices = await db<InvoiceRow>('imported_invoices')
    .where({ order_id: orderId })
    .orderBy('odoo_invoice_id');
  return {
    channelCode: head.channel_code,
    channelOrderRef: head.channel_order_ref,
    odooSaleOrderId: num(head.odoo_sale_order_id),
    currency: head.currency,
    importedAt: ms(head.imported_at),
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      sku: l.sku,
      quantity: l.quantity,
      uom: l.uom,
      unitPriceMinor: num(l.unit_price_minor),
      deliveredQuantity: l.delivered_quantity,
      invoicedQuantity: l.invoiced_quantity,
    })),
    invoices: invoices.map(toInvoice),
  };
}

/** The order and its lines as an accepted order's, then what Odoo had delivered and invoiced. */
export async function saveImportedOrder(trx: Knex, o: ImportedOrder): Promise<void> {
  await trx('orders').insert({
    order_id: o.orderId,
    customer_id: o.customerId,
    currency: o.currency,
    warehouse_code: o.warehouseCode,
    total_minor: o.totalMinor,
    accepted_at: toDate(o.importedAt),
  });
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
  await trx('imported_orders').insert({
    order_id: o.orderId,
    channel_code: o.channelCode,
    channel_order_ref: o.channelOrderRef,
    odoo_sale_order_id: o.odooSaleOrderId,
    odoo_sale_order_name: o.odooSaleOrderName,
    imported_at: toDate(o.importedAt),
  });
  await trx('imported_order_lines').insert(
    o.lines.map((l) => ({
      order_id: o.orderId,
      line_no: l.lineNo,
      delivered_quantity: l.deliveredQuantity,
      invoiced_quantity: l.invoicedQuantity,
    })),
  );
  if (o.invoices.length > 0) await trx('imported_invoices').insert(o.invoices.map(invoiceRow));
}

/** A newer snapshot: its importedAt, Odoo's quantities per line, and the invoices it added. */
export async function applyImportRefresh(trx: Knex, r: ImportRefresh): Promise<void> {
  await trx('imported_orders')
    .where({ order_id: r.orderId })
    .update({ imported_at: toDate(r.importedAt) });
  for (const l of r.lines)
    await trx('imported_order_lines')
      .where({ order_id: r.orderId, line_no: l.lineNo })
      .update({ delivered_quantity: l.deliveredQuantity, invoiced_quantity: l.invoicedQuantity });
  if (r.newInvoices.length > 0)
    await trx('imported_invoices').insert(r.newInvoices.map(invoiceRow));
}

export const isImported = async (db: Knex, orderId: string): Promise<boolean> =>
  (await db('imported_orders').where({ order_id: orderId }).first('order_id')) !== undefined;

interface InvoiceRow {
  odoo_invoice_id: string;
  name: string;
  order_id: string;
  currency: string;
  total_minor: string;
}

const invoiceRow = (i: ImportedInvoice) => ({
  odoo_invoice_id: i.odooInvoiceId,
  name: i.name,
  order_id: i.orderId,
  currency: i.currency,
  total_minor: i.totalMinor,
});

const toInvoice = (row: InvoiceRow): ImportedInvoice => ({
  odooInvoiceId: num(row.odoo_invoice_id),
  name: row.name,
  orderId: row.order_id,
  currency: row.currency,
  totalMinor: num(row.total_minor),
});

interface LineRow {
  line_no: number;
  delivered_quantity: number;
  invoiced_quantity: number;
}

/** What Odoo held of an imported order; undefined for an order invoicing accepted. */
export async function loadImportedRecord(
  db: Knex,
  orderId: string,
): Promise<ImportedRecord | undefined> {
  if (!(await isImported(db, orderId))) return undefined;
  const lines = await db('imported_order_lines')
    .where({ order_id: orderId })
    .orderBy('line_no')
    .select<LineRow[]>();
  const invoices = await db<InvoiceRow>('imported_invoices')
    .where({ order_id: orderId })
    .orderBy('odoo_invoice_id');
  return {
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      deliveredQuantity: l.delivered_quantity,
      invoicedQuantity: l.invoiced_quantity,
    })),
    invoices: invoices.map(toInvoice),
  };
}

/**
 * An imported invoice as a payment quotes it: odoo-adapter sends the invoice's ref, else its
 * name (an imported invoice's ref is not a platform invoice id); the Odoo id is accepted too.
 */
export async function findImportedInvoice(
  db: Knex,
  quoted: string,
): Promise<ImportedInvoice | undefined> {
  const row = await db<InvoiceRow>('imported_invoices')
    .where({ name: quoted })
    .orWhereRaw('odoo_invoice_id::text = ?', [quoted])
    .first();
  return row && toInvoice(row);
}
