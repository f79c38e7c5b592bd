import type { Knex } from 'knex';
import { findOrder } from '../../adapters/db/order-repository';
import {
  decideBooking,
  decideCancelBooking,
  decideDeliveryTimeout,
  decideDispatchTimeout,
  missedMilestones,
  type Decision,
  type Shipment,
  type TrackedMilestone,
} from '../../domain';
import type { BookingRequest } from '../../adapters/carrier/carrier-port';
import type { SagaDeps } from '../saga-deps';
import { saveDecision } from './save-decision';

async function bookingRequest(trx: Knex, s: Shipment, deps: SagaDeps, carrier: string) {
  const order = await findOrder(trx, s.orderId);
  if (!order) throw new Error(`order ${s.orderId} of shipment ${s.shipmentId} is missing`);
  if (!order.ship_to) throw new Error(`order ${s.orderId} has no ship-to (imported from Odoo)`);
  const request: BookingRequest = {
    reference: s.shipmentId,
    shipFrom: { warehouseCode: s.warehouseCode },
    shipTo: order.ship_to,
    parcels: s.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, uom: l.uom })),
    callbackUrl: `${deps.publicUrl()}/carrier-webhooks/${carrier}`,
  };
  return request;
}

/**
 * Runs the due step of a claimed shipment: the carrier call, then its result, events and next
 * state in the claim's transaction. A crash before the commit leaves the step due again; the
 * booking's Idempotency-Key (shipment + carrier) makes the carrier replay instead of rebooking.
 */
export async function runStep(
  trx: Knex.Transaction,
  s: Shipment,
  deps: SagaDeps,
  signal: AbortSignal,
): Promise<TrackedMilestone[]> {
  const { policy, carrier } = deps;
  if (s.state === 'BOOKED' || s.state === 'DISPATCHED') {
    const tracked = await carrier.track(s.carrierCode ?? '', s.trackingNumber ?? '', signal);
    const missed = missedMilestones(s, tracked ?? []);
    // The worker applies them after this transaction, as the lost webhooks would have been.
    if (missed.length) return missed;
  }
  let decision: Decision;
  if (s.state === 'BOOKING') {
    const code = policy.carriers[s.carrierIndex];
    if (!code) throw new Error(`shipment ${s.shipmentId} has no carrier ${s.carrierIndex}`);
    const request = await bookingRequest(trx, s, deps, code);
    const outcome = await carrier.book(code, `${s.shipmentId}:${code}`, request, signal);
    decision = decideBooking(s, outcome, policy, { now: deps.now(), newId: deps.newId });
  } else if (s.state === 'CANCELLING' || s.state === 'BOOKED') {
    const outcome = await carrier.cancel(s.carrierCode ?? '', s.trackingNumber ?? '', signal);
    const ctx = { now: deps.now(), newId: deps.newId };
    decision =
      s.state === 'CANCELLING'
        ? decideCancelBooking(s, outcome, policy, ctx)
        : decideDispatchTimeout(s, outcome, policy, ctx);
  } else {
    decision = decideDeliveryTimeout(s, policy, { now: deps.now(), newId: deps.newId });
  }
  // Stopping mid-call: roll back and leave the step due for whoever runs next.
  signal.throwIfAborted();
  await saveDecision(trx, deps, decision, { at: deps.now() });
  deps.logger.info({ shipmentId: s.shipmentId, state: decision.shipment.state }, decision.note);
  return [];
}
