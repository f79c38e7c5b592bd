import { escalate } from './escalate';
import type { DecideContext, Decision, SagaPolicy, Shipment } from './types';

/** What one call to the carrier's booking endpoint came to. */
export type BookingOutcome =
  | {
      kind: 'booked';
      trackingNumber: string;
      serviceLevel: string | null;
      estimatedDeliveryAt: number | null;
    }
  /** 5xx, timeout, network: worth trying again with the same carrier. */
  | { kind: 'transient'; reason: string }
  /** 4xx: this carrier will not take it. */
  | { kind: 'rejected'; code: string; reason: string };

export const retryDelay = (policy: SagaPolicy, attempts: number): number =>
  Math.min(policy.backoffMaxMs, policy.backoffInitialMs * 2 ** Math.max(0, attempts - 1));

const FAILURE_CODES = new Set(['ADDRESS_UNDELIVERABLE']);

/**
 * The booking policy: transient failures retry the same carrier with exponential back-off up to
 * maxAttemptsPerCarrier; a rejection or exhausted retries reroute to the next carrier; with no
 * carrier left the stock is released and the order escalated.
 */
export function decideBooking(
  s: Shipment,
  outcome: BookingOutcome,
  policy: SagaPolicy,
  ctx: DecideContext,
): Decision {
  const carrier = policy.carriers[s.carrierIndex] ?? 'none';
  const tried = { ...s, attempts: s.attempts + 1, totalAttempts: s.totalAttempts + 1 };
  if (outcome.kind === 'booked') {
    return {
      shipment: {
        ...tried,
        state: 'BOOKED',
        carrierCode: carrier,
        trackingNumber: outcome.trackingNumber,
        nextAttemptAt: null,
        deadlineAt: ctx.now + policy.dispatchTimeoutMs,
      },
      events: [
        {
          type: 'ShipmentBooked',
          data: {
            orderId: s.orderId,
            shipmentId: s.shipmentId,
            carrierCode: carrier,
            serviceLevel: outcome.serviceLevel,
            trackingNumber: outcome.trackingNumber,
            attempt: tried.totalAttempts,
            estimatedDeliveryAt: outcome.estimatedDeliveryAt,
            bookedAt: ctx.now,
          },
        },
      ],
      note: `booked with ${carrier}: ${outcome.trackingNumber}`,
    };
  }
  if (outcome.kind === 'transient' && tried.attempts < policy.maxAttemptsPerCarrier) {
    return {
      shipment: { ...tried, nextAttemptAt: ctx.now + retryDelay(policy, tried.attempts) },
      events: [],
      note: `${carrier} attempt ${tried.attempts} failed (${outcome.reason}), retrying`,
    };
  }
  const failure =
    outcome.kind === 'rejected'
      ? {
          code: FAILURE_CODES.has(outcome.code) ? outcome.code : 'CARRIER_REJECTED',
          message: `${carrier} rejected the booking: ${outcome.reason}`,
        }
      : {
          code: 'CARRIER_UNAVAILABLE',
          message: `${carrier} unavailable after ${tried.attempts} attempts: ${outcome.reason}`,
        };
  if (s.carrierIndex + 1 >= policy.carriers.length) {
    return escalate(tried, { stage: 'BOOKING', ...failure, attempts: tried.totalAttempts }, ctx);
  }
  return {
    shipment: { ...tried, carrierIndex: s.carrierIndex + 1, attempts: 0, nextAttemptAt: ctx.now },
    events: [
      {
        type: 'FulfillmentFailed',
        data: {
          orderId: s.orderId,
          shipmentId: s.shipmentId,
          stage: 'BOOKING',
          ...failure,
          attempts: tried.attempts,
          compensation: 'REROUTE',
          failedAt: ctx.now,
        },
      },
    ],
    note: `${failure.code} at ${carrier}, rerouting to ${policy.carriers[s.carrierIndex + 1]}`,
  };
}
