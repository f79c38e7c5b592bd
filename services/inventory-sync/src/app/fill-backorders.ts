import type { Knex } from 'knex';
import { hasOpenBackorder, openLinesFor, updateOpen } from '../adapters/db/backorder-repository';
import { loadCatalogue } from '../adapters/db/catalogue-repository';
import { lockPositions } from '../adapters/db/position-repository';
import { insertReservation } from '../adapters/db/reservation-repository';
import { familyOf, substituteOf, type Catalogue } from '../domain/catalogue';
import { decideFill } from '../domain/fill-backorders';
import { raisesAtp } from '../domain/stock-updates';
import { atpOf, positionKey, type StockMove } from '../domain/stock';
import type { Cause, InventoryDeps } from './inventory-deps';
import { applyStock, emit, positionsOf } from './stock-effects';

/** SKUs whose stock `sku` can stand in for (FURN-001-B fills FURN-001 lines that allow it). */
const substitutedBy = (cat: Catalogue, sku: string) =>
  familyOf(cat, sku).filter((s) => substituteOf(cat, s) === sku);

/**
 * After moves that raised ATP: fills open backorders of the touched warehouses FIFO, one new
 * StockReserved per order that got stock (partial while some of it remains backordered).
 */
export async function fillBackorders(
  trx: Knex.Transaction,
  deps: InventoryDeps,
  cause: Cause,
  applied: readonly StockMove[],
  /** An order whose own released stock must not come straight back to it (escalated). */
  excludeOrderId: string | null = null,
): Promise<void> {
  const byWarehouse = new Map<string, Set<string>>();
  for (const m of applied.filter(raisesAtp)) {
    byWarehouse.set(m.warehouseCode, (byWarehouse.get(m.warehouseCode) ?? new Set()).add(m.sku));
  }
  for (const [warehouseCode, skus] of byWarehouse) {
    const raised = [...skus];
    const around = await loadCatalogue(trx, raised);
    const lines = await openLinesFor(
      trx,
      warehouseCode,
      raised,
      raised.flatMap((sku) => substitutedBy(around, sku)),
      excludeOrderId,
    );
    if (lines.length === 0) continue;
    const cat = await loadCatalogue(
      trx,
      lines.map((l) => l.sku),
    );
    const candidates = lines.flatMap((l) => [l.sku, substituteOf(cat, l.sku) ?? l.sku]);
    const positions = await lockPositions(
      trx,
      positionsOf(
        cat,
        candidates.map((sku) => ({ sku, warehouseCode })),
      ),
    );
    const book = new Map(
      [...new Set(candidates)].map((sku) => [
        sku,
        atpOf(positions.get(positionKey(sku, warehouseCode))),
      ]),
    );
    const fills = decideFill(warehouseCode, lines, book, deps.newId, cat);
    for (const fill of fills) {
      await insertReservation(trx, { ...fill, warehouseCode });
      for (const r of fill.remaining) await updateOpen(trx, r.backorderId, r.lineNo, r.open);
      await applyStock(trx, deps, cause, fill.moves);
      await emit(trx, deps, { ...cause, correlationId: fill.orderId }, 'StockReserved', {
        orderId: fill.orderId,
        reservationId: fill.reservationId,
        warehouseCode,
        lines: fill.lines.map(({ baseQuantity: _, ...l }) => l),
        partial: await hasOpenBackorder(trx, fill.orderId),
        reservedAt: deps.now(),
      });
    }
  }
}
