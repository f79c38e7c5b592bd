import type { OrderImported } from '@o2c/contracts';
import type { Knex } from 'knex';
import { loadCatalogue } from '../adapters/db/catalogue-repository';
import { insertReservation } from '../adapters/db/reservation-repository';
import { decideImport } from '../domain/import';
import type { Cause, InventoryDeps } from './inventory-deps';
import { applyStock } from './stock-effects';

export type ImportOutcome = 'held' | 'completed' | 'duplicate';

/**
 * OrderImported → the order as Odoo holds it: an open reservation of what is not delivered yet
 * (reserved up, on-hand untouched, a StockLevelChanged) and a consumed one of what was delivered
 * (no move). Nothing that starts a flow: no StockReserved, no StockBackordered. The orders row is
 * the business key, as for OrderAccepted.
 */
export async function importOrder(
  trx: Knex.Transaction,
  deps: InventoryDeps,
  cause: Cause,
  order: OrderImported,
): Promise<ImportOutcome> {
  const { orderId, warehouseCode } = order;
  const inserted = await trx('orders')
    .insert({
      order_id: orderId,
      warehouse_code: warehouseCode,
      state: 'active',
      accepted_event_id: cause.eventId,
    })
    .onConflict('order_id')
    .ignore()
    .returning('order_id');
  if (inserted.length === 0) return 'duplicate';

  const cat = await loadCatalogue(
    trx,
    order.lines.map((l) => l.sku),
  );
  const heldId = deps.newId();
  const { held, delivered, moves, state } = decideImport(order, heldId, cat);
  if (held.length > 0) {
    await insertReservation(trx, { reservationId: heldId, orderId, warehouseCode, lines: held });
    await applyStock(trx, deps, cause, moves);
  }
  if (delivered.length > 0) {
    const reservationId = deps.newId();
    await insertReservation(
      trx,
      { reservationId, orderId, warehouseCode, lines: delivered },
      'consumed',
    );
  }
  if (state !== 'active') await trx('orders').where('order_id', orderId).update({ state });
  return held.length > 0 ? 'held' : 'completed';
}
