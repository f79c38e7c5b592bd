import type { OrderCancelled } from '@o2c/contracts';
import type { Knex } from 'knex';
import { cancelBackorders } from '../adapters/db/backorder-repository';
import { reservationsOfOrder } from '../adapters/db/reservation-repository';
import type { Cause, InventoryDeps } from './inventory-deps';
import { releaseReservations } from './release-reservations';

/**
 * OrderCancelled: open backorders are cancelled first (so the release cannot refill them), then
 * every reservation not yet dispatched is released. An order cancelled before we saw it accepted
 * is recorded as cancelled, so a late OrderAccepted reserves nothing.
 */
export async function cancelOrder(
  trx: Knex.Transaction,
  deps: InventoryDeps,
  cause: Cause,
  event: OrderCancelled,
): Promise<void> {
  await trx('orders')
    .insert({ order_id: event.orderId, state: 'cancelled' })
    .onConflict('order_id')
    .merge({ state: 'cancelled' });
  await cancelBackorders(trx, event.orderId);
  const reservations = await reservationsOfOrder(trx, event.orderId);
  await releaseReservations(trx, deps, cause, event.orderId, reservations, 'ORDER_CANCELLED');
}
