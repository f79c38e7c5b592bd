import type { ReservationReleased, StockBackordered } from '@o2c/contracts';
import type { Knex } from 'knex';
import {
  addBackorder,
  addRelease,
  findOrder,
  touchOrder,
} from '../../adapters/db/order-repository';

/** Open backorders decide WAITING_STOCK and whether a dispatch is the order's last. */
export async function recordBackorder(trx: Knex.Transaction, e: StockBackordered): Promise<void> {
  const order = await findOrder(trx, e.orderId, true);
  if (!order) throw new Error(`order ${e.orderId} unknown: park the event instead`);
  if (await addBackorder(trx, e.backorderId, e.orderId, e.lines)) await touchOrder(trx, e.orderId);
}

/** What was released can no longer ship (it counts as done for lastShipment). */
export async function recordRelease(trx: Knex.Transaction, e: ReservationReleased): Promise<void> {
  const order = await findOrder(trx, e.orderId, true);
  if (!order) throw new Error(`order ${e.orderId} unknown: park the event instead`);
  const added = await addRelease(trx, {
    reservationId: e.reservationId,
    orderId: e.orderId,
    reasonCode: e.reasonCode,
    lines: e.lines,
  });
  if (added) await touchOrder(trx, e.orderId);
}
