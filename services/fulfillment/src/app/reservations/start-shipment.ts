import type { StockReserved } from '@o2c/contracts';
import type { Knex } from 'knex';
import { fillBackorders, findOrder } from '../../adapters/db/order-repository';
import { findShipment } from '../../adapters/db/shipment-repository';
import { requestShipment } from '../../domain';
import { saveDecision } from '../saga/save-decision';
import type { Cause, SagaDeps } from '../saga-deps';

/** StockReserved → a shipment and its FulfillmentRequested, once per reservation. */
export async function startShipment(
  trx: Knex.Transaction,
  event: StockReserved,
  deps: SagaDeps,
  cause: Cause,
): Promise<'started' | 'duplicate' | 'cancelled'> {
  const order = await findOrder(trx, event.orderId, true);
  if (!order) throw new Error(`order ${event.orderId} unknown: park the reservation instead`);
  if (await findShipment(trx, { reservationId: event.reservationId })) return 'duplicate';
  // inventory-sync releases a reservation of a cancelled order itself.
  if (order.cancelled_at) return 'cancelled';
  const now = deps.now();
  const decision = requestShipment(event, { now, newId: deps.newId });
  await saveDecision(trx, deps, decision, { isNew: true, cause, at: now });
  await fillBackorders(trx, event.orderId, decision.shipment.lines);
  return 'started';
}
