import type { Shipment } from './types';

/** The saga worker has a step to take on the shipment at `now` (as `claimDueShipment` selects). */
export function isStepDue(s: Shipment, now: number): boolean {
  if (s.state === 'BOOKING' || s.state === 'CANCELLING')
    return s.nextAttemptAt !== null && s.nextAttemptAt <= now;
  if (s.state === 'BOOKED' || s.state === 'DISPATCHED')
    return s.deadlineAt !== null && s.deadlineAt <= now;
  return false;
}
