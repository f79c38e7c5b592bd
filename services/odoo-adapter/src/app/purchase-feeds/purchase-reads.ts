import { m2oId, type OdooClient } from '@o2c/odoo-client';
import type { OdooProfile } from '../../adapters/odoo/profile';
import type { DoneMove, PurchaseLine, Receipt } from '../../domain/receipt-lines';

/** The platform's purchases are the Odoo purchase orders whose origin is one of our ids. */
export const OUR_ORIGIN = 'PUR-%';
export const isOurs = (origin: unknown): origin is string =>
  typeof origin === 'string' && origin.startsWith('PUR-');

/** Money in minor units, as the adapter converts it everywhere (two decimals). */
export const toMinor = (amount: unknown) => Math.round(Number(amount) * 100);

const id = (v: unknown) => m2oId(v as never) ?? 0;

/** Our purchase orders among `ids`: Odoo id → { purchaseId (origin), name }. */
export async function ourPurchases(odoo: OdooClient, ids: readonly number[]) {
  const orders = ids.length ? await odoo.read('purchase.order', ids, ['origin', 'name']) : [];
  return new Map(
    orders.flatMap((o) =>
      isOurs(o.origin) ? [[o.id, { purchaseId: o.origin, name: String(o.name) }] as const] : [],
    ),
  );
}

/** A purchase order's lines in id order (lineNo = rank, 1-based). */
export async function purchaseLines(
  odoo: OdooClient,
  profile: OdooProfile,
  orderId: number,
): Promise<PurchaseLine[]> {
  // purchase.order.line names its unit like sale.order.line: product_uom_id from Odoo 19.
  const uomField = profile.saleLineUomField;
  const lines = await odoo.searchRead('purchase.order.line', [['order_id', '=', orderId]], {
    fields: ['product_id', 'product_qty', uomField],
    order: 'id asc',
  });
  return lines.map((l) => ({
    id: l.id,
    productId: id(l.product_id),
    ordered: Number(l.product_qty),
    uomId: id(l[uomField]),
  }));
}

/** The incoming pickings of a purchase order, and the done moves of those that are done. */
export async function purchaseReceipts(
  odoo: OdooClient,
  profile: OdooProfile,
  orderId: number,
): Promise<{ receipts: Receipt[]; moves: DoneMove[] }> {
  const pickings = await odoo.searchRead(
    'stock.picking',
    [
      ['purchase_id', '=', orderId],
      ['picking_type_code', '=', 'incoming'],
    ],
    { fields: ['state', 'date_done'], order: 'id asc' },
  );
  const receipts = pickings.map((p) => ({
    id: p.id,
    state: String(p.state),
    dateDone: typeof p.date_done === 'string' ? p.date_done : '',
  }));
  const done = receipts.filter((r) => r.state === 'done').map((r) => r.id);
  // Odoo 17 renamed the done quantity of a move from quantity_done to quantity.
  const qtyField = profile.major >= 17 ? 'quantity' : 'quantity_done';
  const moves = done.length
    ? await odoo.searchRead(
        'stock.move',
        [
          ['picking_id', 'in', done],
          ['state', '=', 'done'],
          ['purchase_line_id', '!=', false],
        ],
        { fields: ['picking_id', 'purchase_line_id', qtyField] },
      )
    : [];
  return {
    receipts,
    moves: moves.map((m) => ({
      pickingId: id(m.picking_id),
      lineId: id(m.purchase_line_id),
      quantity: Number(m[qtyField]),
    })),
  };
}

export const odooDateMs = (d: unknown): number =>
  typeof d === 'string' && d ? Date.parse(`${d.slice(0, 19).replace(' ', 'T')}Z`) : Date.now();
