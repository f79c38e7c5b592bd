import { stepDueAt } from '../src/domain';
import { buildShipment as shipment } from './build';

describe('stepDueAt', () => {
  it('is the next attempt of a booking or cancelling shipment', () => {
    expect(stepDueAt(shipment({ state: 'BOOKING', nextAttemptAt: 100, deadlineAt: 50 }))).toBe(100);
    expect(stepDueAt(shipment({ state: 'CANCELLING', nextAttemptAt: 99 }))).toBe(99);
    expect(stepDueAt(shipment({ state: 'BOOKING', nextAttemptAt: null }))).toBeNull();
  });

  it('is the deadline of a booked or dispatched shipment', () => {
    expect(stepDueAt(shipment({ state: 'BOOKED', nextAttemptAt: 10, deadlineAt: 50 }))).toBe(50);
    expect(stepDueAt(shipment({ state: 'DISPATCHED', deadlineAt: 150 }))).toBe(150);
  });

  it('is null once the shipment is finished', () => {
    for (const state of ['DELIVERED', 'FAILED', 'CANCELLED'] as const)
      expect(stepDueAt(shipment({ state, nextAttemptAt: 0, deadlineAt: 0 }))).toBeNull();
  });
});
