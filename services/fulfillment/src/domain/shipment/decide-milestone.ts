import { DomainError } from '../errors';
import type { DecideContext, Decision, SagaPolicy, Shipment } from './types';

export type Milestone =
  | { milestone: 'picked_up'; occurredAt: number; lastShipment: boolean }
  | { milestone: 'delivered'; occurredAt: number; receivedBy: string | null };

/**
 * A carrier milestone. Returns undefined when it changes nothing (a repeat, or a shipment no
 * longer waiting for it); throws MILESTONE_TOO_EARLY when our side has not caught up yet, so
 * the carrier retries the webhook.
 */
export function decideMilestone(
  s: Shipment,
  m: Milestone,
  policy: SagaPolicy,
  { now }: DecideContext,
): Decision | undefined {
  const carrierCode = s.carrierCode ?? 'unknown';
  const trackingNumber = s.trackingNumber ?? 'unknown';
  if (m.milestone === 'picked_up') {
    if (s.state === 'BOOKING')
      throw new DomainError('MILESTONE_TOO_EARLY', `shipment ${s.shipmentId} is not booked yet`);
    // A cancel that lost the race with the pickup: the goods have left all the same.
    if (s.state !== 'BOOKED' && s.state !== 'CANCELLING') return undefined;
    return {
      shipment: {
        ...s,
        state: 'DISPATCHED',
        attempts: 0,
        nextAttemptAt: null,
        deadlineAt: now + policy.deliveryTimeoutMs,
      },
      events: [
        {
          type: 'ShipmentDispatched',
          data: {
            orderId: s.orderId,
            shipmentId: s.shipmentId,
            warehouseCode: s.warehouseCode,
            carrierCode,
            trackingNumber,
            lines: s.lines,
            lastShipment: m.lastShipment,
            dispatchedAt: m.occurredAt,
          },
        },
      ],
      note: `picked up by ${carrierCode}${m.lastShipment ? ' (last shipment)' : ''}`,
    };
  }
  if (s.state === 'BOOKING' || s.state === 'BOOKED' || s.state === 'CANCELLING')
    throw new DomainError('MILESTONE_TOO_EARLY', `shipment ${s.shipmentId} is not dispatched yet`);
  if (s.state !== 'DISPATCHED') return undefined;
  return {
    shipment: { ...s, state: 'DELIVERED', deadlineAt: null },
    events: [
      {
        type: 'ShipmentDelivered',
        data: {
          orderId: s.orderId,
          shipmentId: s.shipmentId,
          carrierCode,
          trackingNumber,
          receivedBy: m.receivedBy,
          proofOfDeliveryUrl: null,
          deliveredAt: m.occurredAt,
        },
      },
    ],
    note: `delivered${m.receivedBy ? `, signed by ${m.receivedBy}` : ''}`,
  };
}
