import type { DomainError } from '../src/domain';
import {
  decideCancelBooking,
  decideDeliveryTimeout,
  decideDispatchTimeout,
  decideMilestone,
  decideOrderCancelled,
  missedMilestones,
} from '../src/domain';
import { booked, buildShipment, ctx, NOW, policy } from './build';

const pickedUp = (lastShipment = true) =>
  ({ milestone: 'picked_up', occurredAt: NOW - 10, lastShipment }) as const;
const delivered = { milestone: 'delivered', occurredAt: NOW - 5, receivedBy: 'Ada' } as const;

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    return (e as DomainError).code;
  }
  return undefined;
};

describe('decideMilestone', () => {
  it('given a booked shipment, when picked up, then ShipmentDispatched with its lines and lastShipment', () => {
    const d = decideMilestone(booked(), pickedUp(false), policy, ctx)!;
    expect(d.shipment).toMatchObject({ state: 'DISPATCHED', deadlineAt: NOW + 600_000 });
    expect(d.events).toEqual([
      {
        type: 'ShipmentDispatched',
        data: {
          orderId: 'ord-1',
          shipmentId: 'shp-1',
          warehouseCode: 'WH',
          carrierCode: 'dhl',
          trackingNumber: 'DHL1',
          lines: [{ lineNo: 1, sku: 'FURN-001', quantity: 2, uom: 'EA' }],
          lastShipment: false,
          dispatchedAt: NOW - 10,
        },
      },
    ]);
  });

  it('given a dispatched shipment, when delivered, then ShipmentDelivered with who signed', () => {
    const d = decideMilestone(booked({ state: 'DISPATCHED' }), delivered, policy, ctx)!;
    expect(d.shipment).toMatchObject({ state: 'DELIVERED', deadlineAt: null });
    expect(d.events[0]).toMatchObject({
      type: 'ShipmentDelivered',
      data: { receivedBy: 'Ada', deliveredAt: NOW - 5, trackingNumber: 'DHL1' },
    });
  });

  it('given a pickup racing a cancel, when picked up, then it is dispatched all the same', () => {
    expect(
      decideMilestone(booked({ state: 'CANCELLING' }), pickedUp(), policy, ctx)?.shipment.state,
    ).toBe('DISPATCHED');
  });

  it('given a repeat, when the milestone comes again, then nothing changes', () => {
    expect(
      decideMilestone(booked({ state: 'DISPATCHED' }), pickedUp(), policy, ctx),
    ).toBeUndefined();
    expect(decideMilestone(booked({ state: 'DELIVERED' }), delivered, policy, ctx)).toBeUndefined();
    expect(decideMilestone(booked({ state: 'FAILED' }), pickedUp(), policy, ctx)).toBeUndefined();
  });

  it('given our side is behind, when a milestone comes early, then MILESTONE_TOO_EARLY (the carrier retries)', () => {
    expect(codeOf(() => decideMilestone(buildShipment(), pickedUp(), policy, ctx))).toBe(
      'MILESTONE_TOO_EARLY',
    );
    expect(codeOf(() => decideMilestone(booked(), delivered, policy, ctx))).toBe(
      'MILESTONE_TOO_EARLY',
    );
  });
});

describe('timeouts', () => {
  it('given no pickup in time, when the booking is cancelled, then RELEASE_AND_ESCALATE at DISPATCH', () => {
    const d = decideDispatchTimeout(booked({ totalAttempts: 2 }), 'cancelled', policy, ctx);
    expect(d.shipment.state).toBe('FAILED');
    expect(d.events[0]).toMatchObject({
      type: 'FulfillmentFailed',
      data: {
        stage: 'DISPATCH',
        code: 'CARRIER_UNAVAILABLE',
        compensation: 'RELEASE_AND_ESCALATE',
        attempts: 2,
      },
    });
    expect(d.events[1]).toMatchObject({
      type: 'OrderExceptionRaised',
      data: { severity: 'ERROR' },
    });
  });

  it('given no pickup in time, when the carrier says it already picked up, then wait for its webhook', () => {
    const d = decideDispatchTimeout(booked(), 'too_late', policy, ctx);
    expect(d.events).toEqual([]);
    expect(d.shipment).toMatchObject({ state: 'BOOKED', deadlineAt: NOW + 60_000 });
  });

  it('given no delivery in time, then only a WARNING (the goods are gone) and no further deadline', () => {
    const d = decideDeliveryTimeout(booked({ state: 'DISPATCHED' }), policy, ctx);
    expect(d.shipment).toMatchObject({ state: 'DISPATCHED', deadlineAt: null });
    expect(d.events).toEqual([
      {
        type: 'OrderExceptionRaised',
        data: expect.objectContaining({ severity: 'WARNING', code: 'DELIVERY_OVERDUE' }) as unknown,
      },
    ]);
  });
});

describe('order cancelled', () => {
  it('given a shipment not booked yet, then it is cancelled at once', () => {
    expect(decideOrderCancelled(buildShipment(), ctx)?.shipment.state).toBe('CANCELLED');
  });

  it('given a booked shipment, then the worker is asked to cancel the booking', () => {
    expect(decideOrderCancelled(booked(), ctx)?.shipment).toMatchObject({
      state: 'CANCELLING',
      nextAttemptAt: NOW,
    });
  });

  it('given a dispatched shipment, then nothing changes', () => {
    expect(decideOrderCancelled(booked({ state: 'DISPATCHED' }), ctx)).toBeUndefined();
  });

  it('when the carrier confirms, then CANCELLED; too late, then back to BOOKED; unreachable, then retried', () => {
    const s = booked({ state: 'CANCELLING', attempts: 0 });
    expect(decideCancelBooking(s, 'cancelled', policy, ctx).shipment.state).toBe('CANCELLED');
    expect(decideCancelBooking(s, 'too_late', policy, ctx).shipment.state).toBe('BOOKED');
    expect(decideCancelBooking(s, 'unreachable', policy, ctx).shipment).toMatchObject({
      state: 'CANCELLING',
      attempts: 1,
      nextAttemptAt: NOW + 500,
    });
  });

  it('when the carrier stays unreachable, then CANCELLED with a WARNING', () => {
    const d = decideCancelBooking(
      booked({ state: 'CANCELLING', attempts: 2 }),
      'unreachable',
      policy,
      ctx,
    );
    expect(d.shipment.state).toBe('CANCELLED');
    expect(d.events[0]).toMatchObject({
      data: { code: 'CARRIER_CANCEL_FAILED', severity: 'WARNING' },
    });
  });
});

describe('missedMilestones', () => {
  const tracked = [
    { milestone: 'picked_up', occurredAt: NOW - 20 },
    { milestone: 'delivered', occurredAt: NOW - 10 },
  ] as const;

  it('given a booked shipment past its deadline, then every milestone the carrier reports was missed', () => {
    expect(missedMilestones(booked(), [...tracked])).toEqual(tracked);
  });

  it('given a dispatched shipment, then only the delivery was missed', () => {
    expect(missedMilestones(booked({ state: 'DISPATCHED' }), [...tracked])).toEqual([tracked[1]]);
  });

  it('given a carrier reporting nothing, then nothing was missed and the timeout stands', () => {
    expect(missedMilestones(booked(), [])).toEqual([]);
  });
});
