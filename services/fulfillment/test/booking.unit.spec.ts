import { decideBooking, requestShipment } from '../src/domain';
import { buildReserved, buildShipment, ctx, NOW, policy } from './build';

const given = (shipment = buildShipment()) => ({
  when: (outcome: Parameters<typeof decideBooking>[1]) =>
    decideBooking(shipment, outcome, policy, ctx),
});

describe('requestShipment', () => {
  it('given a reservation, when it arrives, then a shipment is due for booking and the pick requested', () => {
    const d = requestShipment(buildReserved(), ctx);
    expect(d.shipment).toMatchObject({
      shipmentId: 'id-new',
      reservationId: 'res-1',
      state: 'BOOKING',
      carrierIndex: 0,
      nextAttemptAt: NOW,
    });
    expect(d.events).toEqual([
      {
        type: 'FulfillmentRequested',
        data: {
          orderId: 'ord-1',
          shipmentId: 'id-new',
          reservationId: 'res-1',
          warehouseCode: 'WH',
          lines: [{ lineNo: 1, sku: 'FURN-001', quantity: 2, uom: 'EA' }],
          requestedAt: NOW,
        },
      },
    ]);
  });

  it('keeps the substitute SKU of a substituted line under the same lineNo', () => {
    const reserved = buildReserved({
      lines: [
        {
          lineNo: 1,
          orderedSku: 'FURN-001',
          sku: 'FURN-001',
          quantity: 1,
          uom: 'EA',
          substituted: false,
        },
        {
          lineNo: 1,
          orderedSku: 'FURN-001',
          sku: 'FURN-001-B',
          quantity: 1,
          uom: 'EA',
          substituted: true,
        },
      ],
    });
    expect(requestShipment(reserved, ctx).shipment.lines.map((l) => [l.lineNo, l.sku])).toEqual([
      [1, 'FURN-001'],
      [1, 'FURN-001-B'],
    ]);
  });
});

describe('decideBooking', () => {
  describe('when the carrier books', () => {
    it('then the shipment is BOOKED with a dispatch deadline and ShipmentBooked counts the attempt', () => {
      const d = given(buildShipment({ carrierIndex: 1, totalAttempts: 3 })).when({
        kind: 'booked',
        trackingNumber: 'UPS1',
        serviceLevel: 'standard',
        estimatedDeliveryAt: NOW + 5,
      });
      expect(d.shipment).toMatchObject({
        state: 'BOOKED',
        carrierCode: 'ups',
        trackingNumber: 'UPS1',
        deadlineAt: NOW + 60_000,
        nextAttemptAt: null,
      });
      expect(d.events).toEqual([
        {
          type: 'ShipmentBooked',
          data: {
            orderId: 'ord-1',
            shipmentId: 'shp-1',
            carrierCode: 'ups',
            serviceLevel: 'standard',
            trackingNumber: 'UPS1',
            attempt: 4,
            estimatedDeliveryAt: NOW + 5,
            bookedAt: NOW,
          },
        },
      ]);
    });
  });

  describe('when the carrier fails transiently', () => {
    it('then the same carrier is retried with exponential back-off and nothing is emitted', () => {
      const first = given().when({ kind: 'transient', reason: 'HTTP 503' });
      expect(first.events).toEqual([]);
      expect(first.shipment).toMatchObject({
        state: 'BOOKING',
        attempts: 1,
        nextAttemptAt: NOW + 500,
      });
      const second = decideBooking(
        first.shipment,
        { kind: 'transient', reason: 'timeout' },
        policy,
        ctx,
      );
      expect(second.shipment).toMatchObject({
        attempts: 2,
        carrierIndex: 0,
        nextAttemptAt: NOW + 1000,
      });
    });

    it('then after the last attempt it reroutes to the next carrier (FulfillmentFailed REROUTE)', () => {
      const d = given(buildShipment({ attempts: 2, totalAttempts: 2 })).when({
        kind: 'transient',
        reason: 'timeout',
      });
      expect(d.shipment).toMatchObject({
        state: 'BOOKING',
        carrierIndex: 1,
        attempts: 0,
        nextAttemptAt: NOW,
      });
      expect(d.events).toEqual([
        {
          type: 'FulfillmentFailed',
          data: expect.objectContaining({
            stage: 'BOOKING',
            code: 'CARRIER_UNAVAILABLE',
            compensation: 'REROUTE',
            attempts: 3,
          }) as unknown,
        },
      ]);
    });
  });

  describe('when the carrier rejects', () => {
    it('then it reroutes at once, with the carrier reason as code when it is a known one', () => {
      const d = given().when({ kind: 'rejected', code: 'ADDRESS_UNDELIVERABLE', reason: 'no' });
      expect(d.shipment.carrierIndex).toBe(1);
      expect(d.events[0]).toMatchObject({
        type: 'FulfillmentFailed',
        data: { code: 'ADDRESS_UNDELIVERABLE', compensation: 'REROUTE', attempts: 1 },
      });
    });

    it('then an unknown refusal is CARRIER_REJECTED', () => {
      const d = given().when({ kind: 'rejected', code: 'WEIRD', reason: 'no' });
      expect(d.events[0]).toMatchObject({ data: { code: 'CARRIER_REJECTED' } });
    });
  });

  describe('when the last carrier gives up', () => {
    it('then the stock is released and the order escalated: FulfillmentFailed + OrderExceptionRaised', () => {
      const d = given(buildShipment({ carrierIndex: 1, totalAttempts: 4 })).when({
        kind: 'rejected',
        code: 'ADDRESS_UNDELIVERABLE',
        reason: 'no',
      });
      expect(d.shipment).toMatchObject({ state: 'FAILED', nextAttemptAt: null });
      expect(d.events.map((e) => e.type)).toEqual(['FulfillmentFailed', 'OrderExceptionRaised']);
      expect(d.events[0]).toMatchObject({
        data: { stage: 'BOOKING', compensation: 'RELEASE_AND_ESCALATE', attempts: 5 },
      });
      expect(d.events[1]).toMatchObject({
        data: {
          exceptionId: 'id-new',
          severity: 'ERROR',
          code: 'FULFILLMENT_FAILED',
          causeEventType: 'FulfillmentFailed',
        },
      });
    });
  });
});
