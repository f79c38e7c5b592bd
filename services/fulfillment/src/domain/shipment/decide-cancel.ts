import { retryDelay } from './decide-booking';
import type { CancelOutcome } from './decide-timeout';
import type { DecideContext, Decision, SagaPolicy, Shipment } from './types';

/** The order was cancelled: what is not dispatched yet stops; a booking is cancelled by the worker. */
export function decideOrderCancelled(s: Shipment, { now }: DecideContext): Decision | undefined {
  if (s.state === 'BOOKING')
    return {
      shipment: { ...s, state: 'CANCELLED', nextAttemptAt: null },
      events: [],
      note: 'order cancelled before booking',
    };
  if (s.state === 'BOOKED')
    return {
      shipment: { ...s, state: 'CANCELLING', attempts: 0, nextAttemptAt: now, deadlineAt: null },
      events: [],
      note: 'order cancelled: cancelling the booking',
    };
  return undefined;
}

/** One attempt to cancel a booking at the carrier. */
export function decideCancelBooking(
  s: Shipment,
  outcome: CancelOutcome,
  policy: SagaPolicy,
  ctx: DecideContext,
): Decision {
  if (outcome === 'cancelled')
    return {
      shipment: { ...s, state: 'CANCELLED', nextAttemptAt: null },
      events: [],
      note: `booking ${s.trackingNumber ?? ''} cancelled at ${s.carrierCode ?? ''}`,
    };
  if (outcome === 'too_late')
    return {
      shipment: {
        ...s,
        state: 'BOOKED',
        nextAttemptAt: null,
        deadlineAt: ctx.now + policy.dispatchTimeoutMs,
      },
      events: [],
      note: 'too late to cancel: the carrier has picked up',
    };
  const attempts = s.attempts + 1;
  if (attempts < policy.maxAttemptsPerCarrier)
    return {
      shipment: { ...s, attempts, nextAttemptAt: ctx.now + retryDelay(policy, attempts) },
      events: [],
      note: `cancel attempt ${attempts} failed, retrying`,
    };
  return {
    shipment: { ...s, attempts, state: 'CANCELLED', nextAttemptAt: null },
    events: [
      {
        type: 'OrderExceptionRaised',
        data: {
          orderId: s.orderId,
          exceptionId: ctx.newId(),
          severity: 'WARNING',
          code: 'CARRIER_CANCEL_FAILED',
          message: `could not cancel booking ${s.trackingNumber ?? '?'} at ${s.carrierCode ?? '?'} after ${attempts} attempts`,
          causeEventType: 'OrderCancelled',
          raisedAt: ctx.now,
        },
      },
    ],
    note: 'cancel unconfirmed: warning raised',
  };
}
