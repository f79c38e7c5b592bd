import { escalate } from './escalate';
import type { DecideContext, Decision, SagaPolicy, Shipment } from './types';

/** How our cancel of a booking that never got picked up went. */
export type CancelOutcome = 'cancelled' | 'too_late' | 'unreachable';

/**
 * No picked_up within the dispatch timeout: the booking is cancelled and the order escalated.
 * If the carrier says it has already picked up, its webhook is on the way: wait for it.
 */
export function decideDispatchTimeout(
  s: Shipment,
  cancel: CancelOutcome,
  policy: SagaPolicy,
  ctx: DecideContext,
): Decision {
  if (cancel === 'too_late') {
    return {
      shipment: { ...s, deadlineAt: ctx.now + policy.dispatchTimeoutMs },
      events: [],
      note: 'dispatch timeout, but the carrier has picked up: waiting for its webhook',
    };
  }
  const seconds = Math.round(policy.dispatchTimeoutMs / 1000);
  return escalate(
    s,
    {
      stage: 'DISPATCH',
      code: 'CARRIER_UNAVAILABLE',
      message: `${s.carrierCode ?? 'carrier'} did not pick up within ${seconds} s (booking ${cancel === 'cancelled' ? 'cancelled' : 'cancel unconfirmed'})`,
      attempts: s.totalAttempts,
    },
    ctx,
  );
}

/** No delivery within the delivery timeout: the goods are gone, so only a warning to a human. */
export function decideDeliveryTimeout(
  s: Shipment,
  policy: SagaPolicy,
  { now, newId }: DecideContext,
): Decision {
  const minutes = Math.round(policy.deliveryTimeoutMs / 60_000);
  return {
    shipment: { ...s, deadlineAt: null },
    events: [
      {
        type: 'OrderExceptionRaised',
        data: {
          orderId: s.orderId,
          exceptionId: newId(),
          severity: 'WARNING',
          code: 'DELIVERY_OVERDUE',
          message: `shipment ${s.shipmentId} (${s.carrierCode ?? '?'} ${s.trackingNumber ?? '?'}) not delivered within ${minutes} min of dispatch`,
          causeEventType: 'ShipmentDispatched',
          raisedAt: now,
        },
      },
    ],
    note: 'delivery overdue: warning raised',
  };
}
