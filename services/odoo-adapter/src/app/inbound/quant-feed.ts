import type { StockQuantChanged } from '@o2c/contracts';
import { m2oId, type OdooRecord } from '@o2c/odoo-client';
import type { ChangeFeed } from './change-feed';
import { eventFor } from '@o2c/outbox';

const unique = (xs: Array<number | undefined>) => [
  ...new Set(xs.filter((x): x is number => x !== undefined)),
];
const id = (v: unknown) => m2oId(v as never) ?? undefined;
const odooDateMs = (d: unknown) => Date.parse(`${String(d).replace(' ', 'T')}Z`);

/**
 * Quant changes → StockQuantChanged per touched (product, warehouse), with the warehouse's
 * totals over all its internal locations (what inventory-sync compares with its own positions).
 */
export const quantFeed: ChangeFeed = {
  model: 'stock.quant',
  domain: [['location_id.usage', '=', 'internal']],
  fields: ['product_id', 'location_id', 'quantity', 'reserved_quantity'],
  async toEvents(changed, { odoo, masterData }) {
    const products = unique(changed.map((q) => id(q.product_id)));
    const quants = await odoo.searchRead(
      'stock.quant',
      [
        ['product_id', 'in', products],
        ['location_id.usage', '=', 'internal'],
      ],
      {
        fields: ['product_id', 'location_id', 'quantity', 'reserved_quantity', 'write_date'],
      },
    );
    const locations = await odoo.read(
      'stock.location',
      unique(quants.map((q) => id(q.location_id))),
      ['warehouse_id'],
    );
    const warehouseOf = new Map(locations.map((l) => [l.id, id(l.warehouse_id)]));
    const pairKey = (q: OdooRecord) =>
      `${id(q.product_id)}:${warehouseOf.get(id(q.location_id) ?? -1)}`;
    const touched = new Set(changed.map(pairKey));
    const totals = new Map<
      string,
      { product: number; warehouse: number; onHand: number; reserved: number; at: number }
    >();
    for (const q of quants) {
      const key = pairKey(q);
      const warehouse = warehouseOf.get(id(q.location_id) ?? -1);
      if (!touched.has(key) || warehouse === undefined) continue;
      const t = totals.get(key) ?? {
        product: id(q.product_id) ?? 0,
        warehouse,
        onHand: 0,
        reserved: 0,
        at: 0,
      };
      t.onHand += Number(q.quantity);
      t.reserved += Number(q.reserved_quantity);
      t.at = Math.max(t.at, odooDateMs(q.write_date));
      totals.set(key, t);
    }
    const md = await masterData.get();
    return [...totals.values()].flatMap((t) => {
      const product = md.productsById.get(t.product);
      const warehouseCode = md.warehouseCodes.get(t.warehouse);
      if (!product || !warehouseCode) return [];
      const data: StockQuantChanged = {
        sku: product.sku,
        odooProductId: String(t.product),
        warehouseCode,
        quantityOnHand: t.onHand,
        reservedQuantity: t.reserved,
        uom: md.uomCodes.get(product.uomId) ?? 'EA',
        odooWriteDate: t.at,
      };
      return [eventFor('StockQuantChanged', data, { correlationId: product.sku })];
    });
  },
};
