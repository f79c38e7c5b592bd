import type { FulfillmentFailed, FulfillmentRequested, ShipmentDispatched } from '@o2c/contracts';
import type { Knex } from 'knex';
import {
  linkShipment,
  reservationById,
  reservationOfShipment,
  reservationsOfOrder,
  setReservationState,
} from '../adapters/db/reservation-repository';
import { decideConsume } from '../domain/release';
import type { Cause, InventoryDeps } from './inventory-deps';
import { keepDispatchApart } from './odoo-lag';
import { releaseReservations } from './release-reservations';
import { applyStock } from './stock-effects';

/** FulfillmentRequested ties a shipment to the reservation it picks. */
export async function recordShipment(trx: Knex.Transaction, event: FulfillmentRequested) {
  // Produced after our StockReserved was consumed, so the reservation exists; if not, retry.
  const reservation = await reservationById(trx, event.reservationId);
  if (!reservation) throw new Error(`reservation ${event.reservationId} not (yet) known`);
  await linkShipment(trx, event.reservationId, event.shipmentId);
}

/**
 * ShipmentDispatched consumes the shipment's reservation: reserved and on-hand go down, once; the
 * dispatch is kept apart from Odoo's figures until Odoo's stock counts it out.
 */
export async function consumeShipment(
  trx: Knex.Transaction,
  deps: InventoryDeps,
  cause: Cause,
  event: ShipmentDispatched,
): Promise<void> {
  const reservation = await reservationOfShipment(trx, event.shipmentId);
  if (!reservation) throw new Error(`shipment ${event.shipmentId} has no known reservation yet`);
  const moves = decideConsume(reservation, event.shipmentId);
  if (moves.length === 0) return;
  await setReservationState(trx, reservation.reservationId, 'consumed');
  const applied = await applyStock(trx, deps, cause, moves);
  await keepDispatchApart(trx, deps, cause, event.shipmentId, applied);
}

/** RELEASE_AND_ESCALATE gives the failed shipment's stock back (all open ones if none is named). */
export async function releaseFailedShipment(
  trx: Knex.Transaction,
  deps: InventoryDeps,
  cause: Cause,
  event: FulfillmentFailed,
): Promise<void> {
  if (event.compensation !== 'RELEASE_AND_ESCALATE') return;
  let reservations;
  if (event.shipmentId) {
    const one = await reservationOfShipment(trx, event.shipmentId);
    if (!one) throw new Error(`shipment ${event.shipmentId} has no known reservation yet`);
    reservations = [one];
  } else {
    reservations = await reservationsOfOrder(trx, event.orderId);
  }
  await releaseReservations(trx, deps, cause, event.orderId, reservations, 'FULFILLMENT_FAILED');
}
