import { m2oId, m2oName, type OdooClient, type OdooRecord } from '@o2c/odoo-client';
import type { OdooInvoice, OdooSaleLine, OdooSaleOrder } from './odoo-snapshot';

export interface ReadOptions {
  /** The res.partner field customers are keyed by (ODOO_CUSTOMER_KEY). */
  customerKey: string;
  /** Only sale orders dated from then on (date_order, UTC epoch ms). */
  sinceMs?: number;
  /** Called after each chunk with the number of sale orders read so far and the total. */
  onChunk?: (read: number, total: number) => void;
}

const CHUNK = 200;
const ids = (rows: readonly OdooRecord[], field: string) => [
  ...new Set(rows.map((r) => m2oId(r[field] as never)).filter((id): id is number => !!id)),
];
const text = (v: unknown) => (typeof v === 'string' && v ? v : null);
/** Odoo datetimes are UTC without a zone: 'YYYY-MM-DD HH:MM:SS'. */
const odooDateMs = (v: unknown) => Date.parse(`${String(v).replace(' ', 'T')}Z`);
const toMinor = (amount: unknown) => Math.round(Number(amount) * 100);

/** How many sale orders there are in each state (the report's denominator). */
export async function countSaleOrders(
  odoo: OdooClient,
  sinceMs?: number,
): Promise<Record<string, number>> {
  const since = sinceMs === undefined ? [] : [dateFrom(sinceMs)];
  const counts: Record<string, number> = {};
  for (const state of ['draft', 'sent', 'sale', 'done', 'cancel'])
    counts[state] = await odoo.searchCount('sale.order', [['state', '=', state], ...since]);
  return counts;
}

const dateFrom = (ms: number) =>
  ['date_order', '>=', new Date(ms).toISOString().slice(0, 19).replace('T', ' ')] as const;

/**
 * Reads Odoo's sale orders with their product lines, done deliveries, invoices (and what their
 * posted lines bill per sale line) and credit notes, 200 orders at a time. Read-only.
 */
export async function readSaleOrders(
  odoo: OdooClient,
  opts: ReadOptions,
): Promise<OdooSaleOrder[]> {
  const uomField = (await odoo.version()).major >= 19 ? 'product_uom_id' : 'product_uom';
  const domain = opts.sinceMs === undefined ? [] : [dateFrom(opts.sinceMs)];
  const headers = await odoo.searchRead('sale.order', domain, {
    fields: [
      'name',
      'state',
      'client_order_ref',
      'partner_id',
      'warehouse_id',
      'currency_id',
      'date_order',
    ],
    order: 'id asc',
  });
  const out: OdooSaleOrder[] = [];
  for (let i = 0; i < headers.length; i += CHUNK) {
    out.push(...(await readChunk(odoo, headers.slice(i, i + CHUNK), uomField, opts.customerKey)));
    opts.onChunk?.(Math.min(i + CHUNK, headers.length), headers.length);
  }
  return out;
}

async function readChunk(
  odoo: OdooClient,
  sos: OdooRecord[],
  uomField: string,
  customerKey: string,
): Promise<OdooSaleOrder[]> {
  const soIds = sos.map((s) => s.id);
  const names = sos.map((s) => String(s.name));
  const lines = await odoo.searchRead(
    'sale.order.line',
    [
      ['order_id', 'in', soIds],
      ['display_type', '=', false],
    ],
    {
      fields: [
        'order_id',
        'sequence',
        'product_id',
        'product_uom_qty',
        uomField,
        'price_unit',
        'discount',
        'qty_delivered',
      ],
      order: 'order_id, sequence, id',
    },
  );
  const [products, partners, warehouses, pickings, invoices] = await Promise.all([
    odoo.searchRead('product.product', [['id', 'in', ids(lines, 'product_id')]], {
      fields: ['default_code'],
      context: { active_test: false },
    }),
    odoo.searchRead('res.partner', [['id', 'in', ids(sos, 'partner_id')]], {
      fields: [customerKey],
      context: { active_test: false },
    }),
    odoo.searchRead('stock.warehouse', [['id', 'in', ids(sos, 'warehouse_id')]], {
      fields: ['code'],
    }),
    odoo.searchRead(
      'stock.picking',
      [
        ['sale_id', 'in', soIds],
        ['picking_type_code', '=', 'outgoing'],
        ['state', '=', 'done'],
      ],
      { fields: ['sale_id'] },
    ),
    odoo.searchRead(
      'account.move',
      [
        ['move_type', '=', 'out_invoice'],
        ['invoice_origin', 'in', names],
        ['state', '!=', 'cancel'],
      ],
      {
        fields: ['name', 'state', 'payment_state', 'amount_total', 'invoice_origin'],
        order: 'id asc',
      },
    ),
  ]);
  const invoiceIds = invoices.map((m) => m.id);
  const postedIds = invoices.filter((m) => m.state === 'posted').map((m) => m.id);
  const [refunds, billed] = await Promise.all([
    invoiceIds.length
      ? odoo.searchRead(
          'account.move',
          [
            ['move_type', '=', 'out_refund'],
            ['reversed_entry_id', 'in', invoiceIds],
            ['state', '!=', 'cancel'],
          ],
          { fields: ['reversed_entry_id'] },
        )
      : [],
    postedIds.length
      ? odoo.searchRead('account.move.line', [['move_id', 'in', postedIds]], {
          fields: ['sale_line_ids', 'quantity'],
        })
      : [],
  ]);
  const skuOf = new Map(products.map((p) => [p.id, text(p.default_code)]));
  const keyOf = new Map(partners.map((p) => [p.id, text(p[customerKey])]));
  const codeOf = new Map(warehouses.map((w) => [w.id, text(w.code)]));
  const invoicedBySaleLine = new Map<number, number>();
  for (const l of billed)
    for (const saleLine of (l.sale_line_ids as number[] | undefined) ?? [])
      invoicedBySaleLine.set(
        saleLine,
        (invoicedBySaleLine.get(saleLine) ?? 0) + Number(l.quantity),
      );
  const orderOfInvoice = new Map(invoices.map((m) => [m.id, String(m.invoice_origin)]));

  return sos.map((so): OdooSaleOrder => {
    const name = String(so.name);
    const soLines = lines.filter((l) => m2oId(l.order_id as never) === so.id);
    const soInvoices = invoices.filter((m) => m.invoice_origin === name);
    return {
      id: so.id,
      name,
      state: String(so.state),
      clientOrderRef: text(so.client_order_ref),
      customerKey: keyOf.get(m2oId(so.partner_id as never) ?? 0) ?? null,
      warehouseCode: codeOf.get(m2oId(so.warehouse_id as never) ?? 0) ?? null,
      currency: m2oName(so.currency_id as never) ?? null,
      orderedAt: odooDateMs(so.date_order),
      lines: soLines.map((l): OdooSaleLine => ({
        id: l.id,
        sequence: Number(l.sequence),
        sku: skuOf.get(m2oId(l.product_id as never) ?? 0) ?? null,
        quantity: Number(l.product_uom_qty),
        uomName: m2oName(l[uomField] as never) ?? null,
        priceUnit: Number(l.price_unit),
        discount: Number(l.discount ?? 0),
        delivered: Number(l.qty_delivered),
        invoicedPosted: invoicedBySaleLine.get(l.id) ?? 0,
      })),
      deliveries: pickings.filter((p) => m2oId(p.sale_id as never) === so.id).length,
      invoices: soInvoices.map((m): OdooInvoice => ({
        id: m.id,
        name: text(m.name) ?? '',
        state: String(m.state),
        paymentState: String(m.payment_state),
        totalMinor: toMinor(m.amount_total),
      })),
      creditNotes: refunds.filter(
        (r) => orderOfInvoice.get(m2oId(r.reversed_entry_id as never) ?? 0) === name,
      ).length,
    };
  });
}
