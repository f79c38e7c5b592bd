import { isStepDue } from '../src/domain';
import { buildShipment as shipment } from './build';

describe('isStepDue', () => {
  it('is due when a booking or cancelling attempt is due, not before', () => {
    expect(isStepDue(shipment({ state: 'BOOKING', nextAttemptAt: 100 }), 100)).toBe(true);
    expect(isStepDue(shipment({ state: 'CANCELLING', nextAttemptAt: 100 }), 99)).toBe(false);
    expect(isStepDue(shipment({ state: 'BOOKING', nextAttemptAt: null }), 100)).toBe(false);
  });

  it('is due when a booked or dispatched shipment passed its deadline', () => {
    expect(isStepDue(shipment({ state: 'BOOKED', deadlineAt: 50 }), 100)).toBe(true);
    expect(isStepDue(shipment({ state: 'DISPATCHED', deadlineAt: 150 }), 100)).toBe(false);
  });

  it('is never due once the shipment is finished', () => {
    for (const state of ['DELIVERED', 'FAILED', 'CANCELLED'] as const)
      expect(isStepDue(shipment({ state, nextAttemptAt: 0, deadlineAt: 0 }), 100)).toBe(false);
  });
});
