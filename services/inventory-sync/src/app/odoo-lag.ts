import type { OdooDeliveryValidated } from '@o2c/contracts';
import type { Knex } from 'knex';
import {
  dropLag,
  lagOfShipment,
  recordLag,
  recordValidation,
} from '../adapters/db/dispatch-lag-repository';
import { loadCatalogue } from '../adapters/db/catalogue-repository';
import { lockPositions } from '../adapters/db/position-repository';
import { inOdooFigure } from '../domain/dispatch-lag';
import { positionKey, type StockMove } from '../domain/stock';
import { fillBackorders } from './fill-backorders';
import type { Cause, InventoryDeps } from './inventory-deps';
import { applyStock, positionsOf } from './stock-effects';

/**
 * A dispatch we applied is kept apart per position until Odoo's stock counts it out, so Odoo's
 * figures taken before its delivery is validated there do not put it back on hand.
 */
export async function keepDispatchApart(
  trx: Knex.Transaction,
  deps: InventoryDeps,
  cause: Cause,
  shipmentId: string,
  applied: readonly StockMove[],
): Promise<void> {
  const byPosition = new Map<string, { sku: string; warehouseCode: string; quantity: number }>();
  for (const m of applied.filter((x) => x.cause === 'dispatch' && x.onHandDelta < 0)) {
    const key = positionKey(m.sku, m.warehouseCode);
    const item = byPosition.get(key) ?? { sku: m.sku, warehouseCode: m.warehouseCode, quantity: 0 };
    item.quantity -= m.onHandDelta;
    byPosition.set(key, item);
  }
  await recordLag(trx, shipmentId, [...byPosition.values()]);
  await settleShipment(trx, deps, cause, shipmentId);
}

/** odoo-adapter saw the shipment's delivery validated in Odoo. */
export async function recordOdooValidation(
  trx: Knex.Transaction,
  deps: InventoryDeps,
  cause: Cause,
  event: OdooDeliveryValidated,
): Promise<void> {
  await recordValidation(trx, event.shipmentId, event.odooWriteDate, event.validatedAt);
  await settleShipment(trx, deps, cause, event.shipmentId);
}

/**
 * A position whose last applied Odoo figure already counts the shipment out was lowered for it
 * twice (by Odoo's figure and by the dispatch kept apart): the dispatch's quantity comes back.
 */
async function settleShipment(
  trx: Knex.Transaction,
  deps: InventoryDeps,
  cause: Cause,
  shipmentId: string,
): Promise<void> {
  const lag = await lagOfShipment(trx, shipmentId);
  if (!lag.some((l) => l.validatedAt !== null)) return;
  const cat = await loadCatalogue(
    trx,
    lag.map((l) => l.sku),
  );
  const positions = await lockPositions(trx, positionsOf(cat, lag));
  const settled = lag.filter((l) => {
    const p = positions.get(positionKey(l.sku, l.warehouseCode));
    return inOdooFigure(l, {
      odooWriteDate: p?.odooWriteDate ?? null,
      readAt: p?.odooReadAt ?? null,
    });
  });
  if (settled.length === 0) return;
  await dropLag(trx, settled);
  const applied = await applyStock(
    trx,
    deps,
    cause,
    settled.map((l) => ({
      sku: l.sku,
      warehouseCode: l.warehouseCode,
      onHandDelta: l.quantity,
      reservedDelta: 0,
      cause: 'odoo-stock-move',
      key: `odoo-validated:${shipmentId}`,
    })),
    cat,
  );
  await fillBackorders(trx, deps, cause, applied);
}
