import { waitFor } from '@o2c/testing';
import {
  buildOrderAccepted,
  buildReserved,
  startCarrierSim,
  startHarness,
  type CarrierSimProcess,
  type Harness,
} from './harness';

describe('fulfillment saga on carrier failures (real Kafka, registry, Postgres and carrier-sim)', () => {
  let sim: CarrierSimProcess;
  let h: Harness;
  beforeAll(async () => {
    sim = await startCarrierSim({
      CARRIER_SIM_PICKED_UP_AFTER_MS: '300',
      CARRIER_SIM_DELIVERED_AFTER_MS: '600',
    });
    h = await startHarness(sim, { LOG_LEVEL: process.env.SVC_LOG ?? 'warn' });
    await h.startApp();
  });
  afterAll(async () => {
    await h?.stop();
    await sim?.stop();
  });

  describe('carrier failures', () => {
    it('retries a transient failure with the same carrier', async () => {
      const order = buildOrderAccepted();
      await sim.failBookings(order, 'unavailable', { times: 2 });
      await h.send('OrderAccepted', order);
      await h.send('StockReserved', buildReserved(order));
      const [bookedEv] = await h.waitEvents(order.orderId, 'ShipmentBooked');
      expect(bookedEv!.value).toMatchObject({ carrierCode: 'dhl', attempt: 3 });
      expect(h.eventsOf(order.orderId, 'FulfillmentFailed')).toEqual([]);
      const metrics = await (await fetch(`${h.url}/metrics`)).text();
      const transient = metrics
        .split('\n')
        .find(
          (l) =>
            l.startsWith('o2c_fulfillment_carrier_calls_total{') &&
            l.includes('carrier="dhl"') &&
            l.includes('operation="book"') &&
            l.includes('outcome="transient"'),
        );
      expect(Number(transient?.split(' ').at(-1))).toBeGreaterThanOrEqual(2);
    });

    it('takes a carrier that never answers for a transient failure (CARRIER_TIMEOUT_MS)', async () => {
      const order = buildOrderAccepted();
      await sim.failBookings(order, 'timeout', { times: 1 });
      await h.send('OrderAccepted', order);
      await h.send('StockReserved', buildReserved(order));
      const [bookedEv] = await h.waitEvents(order.orderId, 'ShipmentBooked');
      expect(bookedEv!.value).toMatchObject({ carrierCode: 'dhl', attempt: 2 });
      const { body } = await h.call('GET', `/orders/${order.orderId}/shipments`);
      expect(body.shipments[0]!.history[1]!.note).toContain('timeout');
    });

    it('reroutes a rejection to the next carrier', async () => {
      const order = buildOrderAccepted();
      await sim.failBookings(order, 'reject');
      await h.send('OrderAccepted', order);
      await h.send('StockReserved', buildReserved(order));
      const [bookedEv] = await h.waitEvents(order.orderId, 'ShipmentBooked');
      expect(bookedEv!.value).toMatchObject({ carrierCode: 'ups', attempt: 2 });
      const failed = h.eventsOf(order.orderId, 'FulfillmentFailed');
      expect(failed.map((f) => f.value)).toEqual([
        expect.objectContaining({
          stage: 'BOOKING',
          code: 'ADDRESS_UNDELIVERABLE',
          compensation: 'REROUTE',
        }),
      ]);
      await h.waitEvents(order.orderId, 'ShipmentDelivered');
    });

    it('releases and escalates exactly once when every carrier fails', async () => {
      const order = buildOrderAccepted();
      for (const carrier of ['dhl', 'ups']) await sim.failBookings(order, 'reject', { carrier });
      await h.send('OrderAccepted', order);
      const reserved = buildReserved(order);
      await h.send('StockReserved', reserved);
      await h.waitEvents(order.orderId, 'OrderExceptionRaised');
      // A replay of the reservation under a new event id must not start the saga again.
      const replay = await h.send('StockReserved', reserved);
      await waitFor(
        async () =>
          (await h.app.db('inbox').where({ event_id: replay }).first()) ? true : undefined,
        { what: 'the replayed reservation handled' },
      );
      expect(
        h.eventsOf(order.orderId, 'FulfillmentFailed').map((e) => e.value.compensation),
      ).toEqual(['REROUTE', 'RELEASE_AND_ESCALATE']);
      const exceptions = h.eventsOf(order.orderId, 'OrderExceptionRaised');
      expect(exceptions).toHaveLength(1);
      expect(exceptions[0]!.value).toMatchObject({ severity: 'ERROR', code: 'FULFILLMENT_FAILED' });
      expect(h.eventsOf(order.orderId, 'FulfillmentRequested')).toHaveLength(1);
      // The release inventory-sync answers with is bookkeeping only.
      await h.send('ReservationReleased', {
        orderId: order.orderId,
        reservationId: reserved.reservationId,
        reasonCode: 'FULFILLMENT_FAILED',
        lines: reserved.lines.map((l) => ({
          lineNo: l.lineNo,
          sku: l.sku,
          quantity: l.quantity,
          uom: l.uom,
        })),
        releasedAt: Date.now(),
      });
      const verify = await h.verify();
      expect(verify.violations).toEqual([]);
      expect(verify.orders[order.orderId]).toMatchObject({ state: 'ESCALATED', shippedByLine: {} });
    });
  });
});
