import type { Shipment } from './types';

/**
 * When the saga worker has a step to take on the shipment (as `claimDueShipment` selects): its
 * next booking or cancelling attempt, or the deadline of a booked or dispatched shipment; null once
 * nothing is left to do.
 */
export function stepDueAt(s: Shipment): number | null {
  if (s.state === 'BOOKING' || s.state === 'CANCELLING') return s.nextAttemptAt;
  if (s.state === 'BOOKED' || s.state === 'DISPATCHED') return s.deadlineAt;
  return null;
}
