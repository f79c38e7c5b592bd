import type { Knex } from 'knex';
import { loadCatalogue } from '../adapters/db/catalogue-repository';
import { lockPositions, setOdooFigure } from '../adapters/db/position-repository';
import type { OdooStockRow } from '../adapters/odoo/odoo-stock-client';
import { dropLag, lagOfPosition } from '../adapters/db/dispatch-lag-repository';
import { inOdooFigure, unconfirmedQuantity } from '../domain/dispatch-lag';
import { positionKey, type StockMove } from '../domain/stock';
import {
  decideDrift,
  driftMove,
  isStaleQuant,
  odooOnHandInBase,
  type Drift,
} from '../domain/stock-updates';
import type { InventoryDeps } from './inventory-deps';
import { fillBackorders } from './fill-backorders';
import { applyStock, emit } from './stock-effects';

export interface ReconciliationReport {
  runId: string;
  checked: number;
  drifts: Drift[];
}

/**
 * Compares every position Odoo reports (less our dispatches its figure still holds) with ours,
 * except where the stock feed applied a newer figure meanwhile. Each difference is reported
 * (InventoryDriftDetected, corrected) and our position adopts Odoo's figure, all in one
 * transaction; Odoo's stock is read first, so an unreachable adapter changes nothing.
 */
export async function reconcile(
  deps: InventoryDeps,
  readOdooStock: () => Promise<OdooStockRow[]>,
  trigger: 'scheduled' | 'on-demand',
): Promise<ReconciliationReport> {
  const rows = await readOdooStock();
  const runId = deps.newId();
  return deps.db.transaction(async (trx: Knex.Transaction) => {
    const cat = await loadCatalogue(
      trx,
      rows.map((r) => r.sku),
    );
    const positions = await lockPositions(
      trx,
      rows.map((r) => ({ ...r, uom: odooOnHandInBase(r, cat).baseUom })),
    );
    const drifts: Drift[] = [];
    const applied: StockMove[] = [];
    const cause = { eventId: null, correlationId: runId };
    for (const row of rows) {
      const position = positions.get(positionKey(row.sku, row.warehouseCode));
      // The feed applied a newer figure while Odoo was being read: this row says less.
      if (position && isStaleQuant(position, row)) continue;
      const lag = await lagOfPosition(trx, row.sku, row.warehouseCode);
      await dropLag(
        trx,
        lag.filter((l) => inOdooFigure(l, row)),
      );
      const drift = decideDrift(position, row, cat, unconfirmedQuantity(lag, row));
      if (!drift) continue;
      drifts.push(drift);
      deps.onDrift?.();
      await emit(trx, deps, { ...cause, correlationId: row.sku }, 'InventoryDriftDetected', {
        ...drift,
        reconciliationRunId: runId,
        corrected: true,
        detectedAt: deps.now(),
      });
      applied.push(...(await applyStock(trx, deps, cause, [driftMove(drift, runId)])));
      await setOdooFigure(trx, row.sku, row.warehouseCode, row);
    }
    await fillBackorders(trx, deps, cause, applied);
    await trx('reconciliation_runs').insert({
      run_id: runId,
      trigger,
      checked: rows.length,
      drifts: JSON.stringify(drifts),
    });
    return { runId, checked: rows.length, drifts };
  });
}
