import type { ReservationReleased, StockBackordered, StockReserved } from '@o2c/contracts';
import type { Knex } from 'knex';
import { findImport } from '../../adapters/db/import-repository';
import { findOrder, lockOrderKey } from '../../adapters/db/order-repository';
import type { Cause, SagaDeps } from '../saga-deps';
import { recordBackorder, recordRelease } from './record-stock-facts';
import { startShipment } from './start-shipment';

export type ReservationEvent =
  | { type: 'StockReserved'; data: StockReserved }
  | { type: 'StockBackordered'; data: StockBackordered }
  | { type: 'ReservationReleased'; data: ReservationReleased };

async function apply(trx: Knex.Transaction, e: ReservationEvent, deps: SagaDeps, cause: Cause) {
  if (e.type === 'StockReserved') await startShipment(trx, e.data, deps, cause);
  else if (e.type === 'StockBackordered') await recordBackorder(trx, e.data);
  else await recordRelease(trx, e.data);
}

/**
 * An inventory.reservations event. One that overtook its order's OrderAccepted (topics are not
 * ordered relative to each other) is parked and applied when the order arrives: retrying it in
 * place would hold up the consumer's fetches, OrderAccepted's included. One of an imported order
 * is skipped.
 */
export async function applyReservationEvent(
  trx: Knex.Transaction,
  e: ReservationEvent,
  deps: SagaDeps,
  cause: Cause,
): Promise<'applied' | 'parked' | 'imported'> {
  await lockOrderKey(trx, e.data.orderId);
  if (!(await findOrder(trx, e.data.orderId))) {
    await trx('parked_events').insert({
      order_id: e.data.orderId,
      event_type: e.type,
      payload: JSON.stringify(e.data),
      causation_id: cause.causationId ?? null,
    });
    return 'parked';
  }
  // Odoo's path fulfils an imported order: nothing of ours may start for it.
  if (await findImport(trx, e.data.orderId)) return 'imported';
  await apply(trx, e, deps, cause);
  return 'applied';
}

/** Applies, in arrival order, what was parked for an order that has just arrived. */
export async function releaseParked(trx: Knex.Transaction, orderId: string, deps: SagaDeps) {
  const parked = await trx('parked_events')
    .where({ order_id: orderId })
    .orderBy('id')
    .select<
      Array<{ event_type: ReservationEvent['type']; payload: unknown; causation_id: string | null }>
    >('event_type', 'payload', 'causation_id');
  for (const p of parked) {
    const event = { type: p.event_type, data: p.payload } as ReservationEvent;
    await apply(trx, event, deps, p.causation_id ? { causationId: p.causation_id } : {});
  }
  await trx('parked_events').where({ order_id: orderId }).delete();
  return parked.length;
}
