import type { ReturnReceived, StockQuantChanged } from '@o2c/contracts';
import type { Knex } from 'knex';
import { loadCatalogue } from '../adapters/db/catalogue-repository';
import { lockPositions, setOdooFigure } from '../adapters/db/position-repository';
import { dropLag, lagOfPosition } from '../adapters/db/dispatch-lag-repository';
import { inOdooFigure, unconfirmedQuantity } from '../domain/dispatch-lag';
import { positionKey } from '../domain/stock';
import { decideQuant, decideReturn, isStaleQuant, odooOnHandInBase } from '../domain/stock-updates';
import type { Cause, InventoryDeps } from './inventory-deps';
import { fillBackorders } from './fill-backorders';
import { applyStock } from './stock-effects';

/** Resaleable returns go back on hand and may fill backorders. */
export async function receiveReturn(
  trx: Knex.Transaction,
  deps: InventoryDeps,
  cause: Cause,
  event: ReturnReceived,
): Promise<void> {
  const cat = await loadCatalogue(
    trx,
    event.lines.map((l) => l.sku),
  );
  const applied = await applyStock(trx, deps, cause, decideReturn(event, cat), cat);
  await fillBackorders(trx, deps, cause, applied);
}

/**
 * Odoo's on-hand figure less our dispatches it still holds, adopted unless stale; a SKU we do not
 * know still gets its position. Dispatches the figure counts out are no longer kept apart, and
 * the position remembers the figure even when its on-hand does not change.
 */
export async function applyQuant(
  trx: Knex.Transaction,
  deps: InventoryDeps,
  cause: Cause,
  q: StockQuantChanged,
): Promise<'applied' | 'stale'> {
  const cat = await loadCatalogue(trx, [q.sku]);
  const { baseUom } = odooOnHandInBase(q, cat);
  const key = positionKey(q.sku, q.warehouseCode);
  const positions = await lockPositions(trx, [
    { sku: q.sku, warehouseCode: q.warehouseCode, uom: baseUom },
  ]);
  const position = positions.get(key)!;
  if (isStaleQuant(position, q)) return 'stale';
  const lag = await lagOfPosition(trx, q.sku, q.warehouseCode);
  const move = decideQuant(position, q, cat, unconfirmedQuantity(lag, q));
  await dropLag(
    trx,
    lag.filter((l) => inOdooFigure(l, q)),
  );
  const applied = move ? await applyStock(trx, deps, cause, [move], cat) : [];
  await setOdooFigure(trx, q.sku, q.warehouseCode, q);
  await fillBackorders(trx, deps, cause, applied);
  return 'applied';
}
