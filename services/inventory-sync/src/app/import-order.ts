import type { OrderImported } from '@o2c/contracts';
import type { Knex } from 'knex';
import { loadCatalogue } from '../adapters/db/catalogue-repository';
import { loadKnownOrder, saveImported, shrinkHeld } from '../adapters/db/import-repository';
import { insertReservation } from '../adapters/db/reservation-repository';
import { decideImport } from '../domain/import';
import { decideRefresh, type KnownOrder } from '../domain/refresh';
import type { Cause, InventoryDeps } from './inventory-deps';
import { applyStock } from './stock-effects';

export type ImportOutcome = 'held' | 'completed' | 'stale' | 'cancelled-before';

const linesOf = (order: OrderImported) =>
  order.lines.map((l) => ({
    lineNo: l.lineNo,
    sku: l.sku,
    quantity: l.quantity,
    uom: l.uom,
    unitPriceMinor: l.unitPriceMinor,
    deliveredQuantity: l.deliveredQuantity,
  }));

/**
 * OrderImported → the order as Odoo holds it: an open reservation of what is not delivered yet
 * (reserved up, on-hand untouched, a StockLevelChanged) and a consumed one of what was delivered
 * (no move). A later one with a newer importedAt moves what Odoo delivered since from held to
 * consumed (refresh). Nothing that starts a flow: no StockReserved, no StockBackordered.
 */
export async function importOrder(
  trx: Knex.Transaction,
  deps: InventoryDeps,
  cause: Cause,
  order: OrderImported,
): Promise<ImportOutcome> {
  const { orderId, warehouseCode } = order;
  const known = await loadKnownOrder(trx, orderId);
  if (known) return refreshOrder(trx, deps, cause, order, known);
  await trx('orders').insert({
    order_id: orderId,
    warehouse_code: warehouseCode,
    state: 'active',
    accepted_event_id: cause.eventId,
  });

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
  await saveImported(trx, orderId, order.importedAt, linesOf(order), state);
  return state === 'active' ? 'held' : 'completed';
}

async function refreshOrder(
  trx: Knex.Transaction,
  deps: InventoryDeps,
  cause: Cause,
  order: OrderImported,
  known: KnownOrder,
): Promise<ImportOutcome> {
  // Cancelled before we saw it imported: as for OrderAccepted, nothing is held.
  if (known.importedAt === null && known.warehouseCode === null) return 'cancelled-before';
  const cat = await loadCatalogue(
    trx,
    order.lines.map((l) => l.sku),
  );
  const consumedId = deps.newId();
  const d = decideRefresh(known, order, consumedId, cat);
  if (d.kind === 'stale') return 'stale';
  if (known.held) await shrinkHeld(trx, known.held.reservationId, known.held.lines, d.held);
  await applyStock(trx, deps, cause, d.moves);
  if (d.delivered.length > 0) {
    await insertReservation(
      trx,
      {
        reservationId: consumedId,
        orderId: order.orderId,
        warehouseCode: known.warehouseCode ?? order.warehouseCode,
        lines: d.delivered,
      },
      'consumed',
    );
  }
  await saveImported(trx, order.orderId, order.importedAt, d.lines, d.state);
  return d.state === 'active' ? 'held' : 'completed';
}
