import type { OrderAccepted } from '@o2c/contracts';
import type { Knex } from 'knex';
import { insertBackorder } from '../adapters/db/backorder-repository';
import { loadCatalogue } from '../adapters/db/catalogue-repository';
import { lockPositions } from '../adapters/db/position-repository';
import { insertReservation } from '../adapters/db/reservation-repository';
import { substituteOf } from '../domain/catalogue';
import { decideReserve } from '../domain/reserve';
import { atpOf, positionKey } from '../domain/stock';
import type { Cause, InventoryDeps, ReservationOutcome } from './inventory-deps';
import { applyStock, emit, positionsOf } from './stock-effects';

/**
 * OrderAccepted → reservation of what ATP allows (substitutes where allowed), backorder for the
 * rest. The orders row is the business key: the same order accepted again changes nothing.
 */
export async function acceptOrder(
  trx: Knex.Transaction,
  deps: InventoryDeps,
  cause: Cause,
  order: OrderAccepted,
): Promise<ReservationOutcome | 'duplicate'> {
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
  const skus = [...new Set(order.lines.flatMap((l) => [l.sku, substituteOf(cat, l.sku) ?? l.sku]))];
  const positions = await lockPositions(
    trx,
    positionsOf(
      cat,
      skus.map((sku) => ({ sku, warehouseCode })),
    ),
  );
  const book = new Map(skus.map((s) => [s, atpOf(positions.get(positionKey(s, warehouseCode)))]));
  const reservationId = deps.newId();
  const { reserved, backordered, moves } = decideReserve(order, book, reservationId, cat);
  const now = deps.now();

  if (reserved.length > 0) {
    await insertReservation(trx, { reservationId, orderId, warehouseCode, lines: reserved });
    await applyStock(trx, deps, cause, moves);
    await emit(trx, deps, cause, 'StockReserved', {
      orderId,
      reservationId,
      warehouseCode,
      lines: reserved.map(({ baseQuantity: _, ...l }) => l),
      partial: backordered.length > 0,
      reservedAt: now,
    });
  }
  if (backordered.length > 0) {
    const backorderId = deps.newId();
    await insertBackorder(trx, { backorderId, orderId, warehouseCode, lines: backordered });
    await emit(trx, deps, cause, 'StockBackordered', {
      orderId,
      backorderId,
      warehouseCode,
      lines: backordered.map((l) => ({
        lineNo: l.lineNo,
        sku: l.sku,
        quantity: l.quantity,
        uom: l.uom,
        expectedAvailableAt: null,
      })),
      backorderedAt: now,
    });
  }
  if (reserved.length === 0) return 'backordered';
  if (backordered.length > 0) return 'partial';
  return reserved.some((l) => l.substituted) ? 'substituted' : 'full';
}
