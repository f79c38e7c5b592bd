import type { DecideContext, Decision, Shipment } from './types';

/** Release the stock and hand the order to a human: FulfillmentFailed + OrderExceptionRaised. */
export function escalate(
  s: Shipment,
  failure: { stage: 'BOOKING' | 'DISPATCH'; code: string; message: string; attempts: number },
  { now, newId }: DecideContext,
): Decision {
  return {
    shipment: { ...s, state: 'FAILED', nextAttemptAt: null, deadlineAt: null },
    events: [
      {
        type: 'FulfillmentFailed',
        data: {
          orderId: s.orderId,
          shipmentId: s.shipmentId,
          ...failure,
          compensation: 'RELEASE_AND_ESCALATE',
          failedAt: now,
        },
      },
      {
        type: 'OrderExceptionRaised',
        data: {
          orderId: s.orderId,
          exceptionId: newId(),
          severity: 'ERROR',
          code: 'FULFILLMENT_FAILED',
          message: `shipment ${s.shipmentId}: ${failure.message}; stock released`,
          causeEventType: 'FulfillmentFailed',
          raisedAt: now,
        },
      },
    ],
    note: `escalated at ${failure.stage}: ${failure.code}`,
  };
}
