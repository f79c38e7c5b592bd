import { m2oId, type OdooClient, type OdooRecord } from '@o2c/odoo-client';
import type { StockQuantChanged } from '@o2c/contracts';
import type { MasterData } from '../../domain/master-data';

interface Total {
  product: number;
  warehouse: number;
  onHand: number;
  reserved: number;
  at: number;
  readAt: number;
}

/** A StockQuantChanged payload; `readAt`: when the read of Odoo's quants started (this host's clock). */
export type StockRow = StockQuantChanged & { readAt: number };

export const unique = (xs: Array<number | undefined>) => [
  ...new Set(xs.filter((x): x is number => x !== undefined)),
];
export const id = (v: unknown) => m2oId(v as never) ?? undefined;
const odooDateMs = (d: unknown) => Date.parse(`${String(d).replace(' ', 'T')}Z`);

/**
 * Odoo's stock per (product, warehouse), summed over the warehouse's internal locations of the
 * company (a quant's company is its location's), for the given products or all of them.
 * `pairKey` names a quant's (product, warehouse) pair.
 */
export async function readStockTotals(odoo: OdooClient, companyId: number, products?: number[]) {
  const readAt = Date.now();
  const quants = await odoo.searchRead(
    'stock.quant',
    [
      ...(products ? [['product_id', 'in', products]] : []),
      ['location_id.usage', '=', 'internal'],
      ['company_id', '=', companyId],
    ],
    { fields: ['product_id', 'location_id', 'quantity', 'reserved_quantity', 'write_date'] },
  );
  const locations = await odoo.read(
    'stock.location',
    unique(quants.map((q) => id(q.location_id))),
    ['warehouse_id'],
  );
  const warehouseOf = new Map(locations.map((l) => [l.id, id(l.warehouse_id)]));
  const pairKey = (q: OdooRecord) =>
    `${id(q.product_id)}:${warehouseOf.get(id(q.location_id) ?? -1)}`;
  const totals = new Map<string, Total>();
  for (const q of quants) {
    const warehouse = warehouseOf.get(id(q.location_id) ?? -1);
    if (warehouse === undefined) continue;
    const key = pairKey(q);
    const t = totals.get(key) ?? {
      product: id(q.product_id) ?? 0,
      warehouse,
      onHand: 0,
      reserved: 0,
      at: 0,
      readAt,
    };
    t.onHand += Number(q.quantity);
    t.reserved += Number(q.reserved_quantity);
    t.at = Math.max(t.at, odooDateMs(q.write_date));
    totals.set(key, t);
  }
  return { totals, pairKey };
}

/** Totals in canonical codes; pairs whose product or warehouse has no mapping are left out. */
export function toStockRows(totals: Iterable<Total>, md: MasterData): StockRow[] {
  return [...totals].flatMap((t) => {
    const product = md.productsById.get(t.product);
    const warehouseCode = md.warehouseCodes.get(t.warehouse);
    if (!product || !warehouseCode) return [];
    return [
      {
        sku: product.sku,
        odooProductId: String(t.product),
        warehouseCode,
        quantityOnHand: t.onHand,
        reservedQuantity: t.reserved,
        uom: md.uomCodes.get(product.uomId) ?? 'EA',
        odooWriteDate: t.at,
        readAt: t.readAt,
      },
    ];
  });
}
