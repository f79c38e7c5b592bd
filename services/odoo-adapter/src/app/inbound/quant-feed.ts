import { eventFor } from '@o2c/outbox';
import type { ChangeFeed } from './change-feed';
import { id, readStockTotals, toStockRows, unique } from './stock-totals';

/**
 * Quant changes → StockQuantChanged per touched (product, warehouse), with the warehouse's
 * totals over all its internal locations (what inventory-sync compares with its own positions).
 */
export const quantFeed: ChangeFeed = {
  model: 'stock.quant',
  domain: [['location_id.usage', '=', 'internal']],
  fields: ['product_id', 'location_id', 'quantity', 'reserved_quantity'],
  async toEvents(changed, { odoo, masterData, companyId }) {
    const products = unique(changed.map((q) => id(q.product_id)));
    // Another company's quants changed: their pairs are not in the company's totals.
    const { totals, pairKey } = await readStockTotals(odoo, companyId, products);
    const touched = new Set(changed.map(pairKey));
    const md = await masterData.get();
    const rows = toStockRows(
      [...totals].filter(([key]) => touched.has(key)).map(([, t]) => t),
      md,
    );
    return rows.map((data) => eventFor('StockQuantChanged', data, { correlationId: data.sku }));
  },
};
