import type { ReturnReceived, StockQuantChanged } from '@o2c/contracts';
import type { Knex } from 'knex';
import { lockPositions, setOdooWriteDate } from '../adapters/db/position-repository';
import { positionKey } from '../domain/stock';
import { decideQuant, decideReturn, odooOnHandInBase } from '../domain/stock-updates';
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
  const applied = await applyStock(trx, deps, cause, decideReturn(event));
  await fillBackorders(trx, deps, cause, applied);
}

/** Odoo's on-hand figure, adopted unless stale; a SKU we do not know still gets its position. */
export async function applyQuant(
  trx: Knex.Transaction,
  deps: InventoryDeps,
  cause: Cause,
  q: StockQuantChanged,
): Promise<'applied' | 'stale'> {
  const { baseUom } = odooOnHandInBase(q);
  const key = positionKey(q.sku, q.warehouseCode);
  const positions = await lockPositions(trx, [
    { sku: q.sku, warehouseCode: q.warehouseCode, uom: baseUom },
  ]);
  const move = decideQuant(positions.get(key)!, q);
  if (!move) return 'stale';
  const applied = await applyStock(trx, deps, cause, [move]);
  await setOdooWriteDate(trx, q.sku, q.warehouseCode, q.odooWriteDate);
  await fillBackorders(trx, deps, cause, applied);
  return 'applied';
}
