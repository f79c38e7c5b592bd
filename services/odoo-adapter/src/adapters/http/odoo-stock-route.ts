import { allow, HttpProblem } from '@o2c/http';
import { Router } from 'express';
import type { OdooDeps } from '../../app/odoo-deps';
import { readStockTotals, toStockRows } from '../../app/inbound/stock-totals';

/**
 * GET /odoo/stock: Odoo's live stock of the configured company (stock.quant over internal
 * locations, summed per product and warehouse) in canonical codes, for inventory-sync's reconciliation. Read-only; 503 when Odoo
 * cannot be read (down, circuit open).
 */
export function odooStockRouter(deps: Pick<OdooDeps, 'odoo' | 'masterData' | 'companyId'>): Router {
  const router = Router();
  router.get('/odoo/stock', allow('stock:read'), async (_req, res) => {
    let rows;
    try {
      const { totals } = await readStockTotals(deps.odoo, deps.companyId);
      rows = toStockRows(totals.values(), await deps.masterData.get());
    } catch (error) {
      throw new HttpProblem(
        503,
        'urn:o2c:problem:odoo-unavailable',
        'Odoo unavailable',
        `could not read stock from Odoo: ${(error as Error).message}`,
      );
    }
    res.json(
      rows.map((r) => ({
        sku: r.sku,
        warehouseCode: r.warehouseCode,
        quantityOnHand: r.quantityOnHand,
        uom: r.uom,
        odooWriteDate: r.odooWriteDate,
        readAt: r.readAt,
      })),
    );
  });
  return router;
}
