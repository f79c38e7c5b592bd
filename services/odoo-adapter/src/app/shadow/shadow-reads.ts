import { m2oId, type OdooClient, type OdooRecord } from '@o2c/odoo-client';
import type {
  FoundInvoice,
  FoundRecord,
  FoundSaleOrder,
  ShadowLine,
} from '../../domain/shadow-compare';
import { odooDateMs } from '../../domain/odoo-values';

interface SaleOrderRow extends OdooRecord {
  name: string;
  state: string;
  order_line: number[];
}

/**
 * The sale order the legacy integration wrote for a channel order: it keys its orders by the
 * channel's reference in `matchField` (ODOO_SHADOW_MATCH_FIELD, `client_order_ref` by default).
 * Reads only.
 */
export async function legacySaleOrder(
  odoo: OdooClient,
  matchField: string,
  channelOrderRef: string,
): Promise<(FoundRecord & { name: string; lineIds: number[] }) | undefined> {
  const [so] = await odoo.searchRead<SaleOrderRow>(
    'sale.order',
    [[matchField, '=', channelOrderRef]],
    { fields: ['name', 'state', 'order_line'], order: 'id asc', limit: 1 },
  );
  return so && { id: so.id, name: so.name, state: so.state, lineIds: so.order_line };
}

/** The sale order with its lines by product code (default_code), as the comparison needs it. */
export async function legacySaleOrderLines(
  odoo: OdooClient,
  so: FoundRecord & { lineIds: number[] },
): Promise<FoundSaleOrder> {
  const lines = so.lineIds.length
    ? await odoo.read('sale.order.line', so.lineIds, [
        'product_id',
        'product_uom_qty',
        'price_unit',
      ])
    : [];
  const productIds = [...new Set(lines.map((l) => m2oId(l.product_id as never)).filter(isId))];
  const products = productIds.length
    ? await odoo.read('product.product', productIds, ['default_code'], {
        context: { active_test: false },
      })
    : [];
  const codes = new Map(
    products.map((p) => [p.id, typeof p.default_code === 'string' ? p.default_code : `#${p.id}`]),
  );
  const shadowLines: ShadowLine[] = lines
    .filter((l) => isId(m2oId(l.product_id as never)))
    .map((l) => ({
      sku: codes.get(m2oId(l.product_id as never)!) ?? '?',
      quantity: Number(l.product_uom_qty),
      priceUnit: Number(l.price_unit),
    }));
  return { id: so.id, state: so.state, lines: shadowLines };
}

const isId = (id: number | undefined | null): id is number => typeof id === 'number';

/** The sale order's outgoing deliveries, with their write_date (epoch ms). */
export async function deliveriesOf(
  odoo: OdooClient,
  saleOrderId: number,
): Promise<Array<FoundRecord & { writeDate: number }>> {
  const rows = await odoo.searchRead(
    'stock.picking',
    [
      ['sale_id', '=', saleOrderId],
      ['picking_type_code', '=', 'outgoing'],
    ],
    { fields: ['state', 'write_date'], order: 'id asc' },
  );
  return rows.map((r) => ({
    id: r.id,
    state: String(r.state),
    writeDate: odooDateMs(r.write_date),
  }));
}

/** The customer invoices Odoo made from the sale order (`invoice_origin` = its name). */
export async function invoicesOf(odoo: OdooClient, saleOrderName: string): Promise<FoundInvoice[]> {
  const rows = await odoo.searchRead(
    'account.move',
    [
      ['move_type', '=', 'out_invoice'],
      ['invoice_origin', '=', saleOrderName],
    ],
    { fields: ['state', 'amount_total'], order: 'id asc' },
  );
  return rows.map((r) => ({
    id: r.id,
    state: String(r.state),
    amountTotal: Number(r.amount_total),
  }));
}
