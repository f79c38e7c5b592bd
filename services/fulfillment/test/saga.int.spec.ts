import { createHmac, randomUUID } from 'node:crypto';
import {
  buildOrderAccepted,
  buildReserved,
  startCarrierSim,
  startHarness,
  until,
  type CarrierSimProcess,
  type Harness,
} from './harness';

describe('fulfillment saga (real Kafka, registry, Postgres and carrier-sim)', () => {
  let sim: CarrierSimProcess;
  let h: Harness;
  beforeAll(async () => {
    sim = await startCarrierSim({
      CARRIER_SIM_PICKED_UP_AFTER_MS: '300',
      CARRIER_SIM_DELIVERED_AFTER_MS: '600',
    });
    // Mid-rotation: the carrier still signs with the old secret, a new one is already accepted.
    h = await startHarness(sim, {
      LOG_LEVEL: process.env.SVC_LOG ?? 'warn',
      CARRIER_WEBHOOK_SECRET: 'the-new-carrier-secret, o2c-carrier-secret',
    });
    await h.startApp();
  });
  afterAll(async () => {
    await h?.stop();
    await sim?.stop();
  });

  describe('happy path', () => {
    it('requests, books, dispatches (last shipment) and delivers through the real signed webhooks', async () => {
      const order = buildOrderAccepted();
      await h.send('OrderAccepted', order);
      const reserved = buildReserved(order);
      await h.send('StockReserved', reserved);
      await h.waitEvents(order.orderId, 'ShipmentDelivered');
      expect(h.eventsOf(order.orderId).map((e) => e.type)).toEqual([
        'FulfillmentRequested',
        'ShipmentBooked',
        'ShipmentDispatched',
        'ShipmentDelivered',
      ]);
      const [requested, bookedEv, dispatched] = h.eventsOf(order.orderId);
      expect(requested!.value).toMatchObject({
        reservationId: reserved.reservationId,
        warehouseCode: 'WH',
      });
      expect(bookedEv!.value).toMatchObject({ carrierCode: 'dhl', attempt: 1 });
      expect(dispatched!.value).toMatchObject({
        lastShipment: true,
        carrierCode: 'dhl',
        trackingNumber: bookedEv!.value.trackingNumber,
        lines: [
          { lineNo: 1, sku: 'FURN-001', quantity: 2, uom: 'EA' },
          { lineNo: 2, sku: 'NAIL-BOX', quantity: 3, uom: 'DZ' },
        ],
      });
      const shipmentId = requested!.value.shipmentId as string;
      const booked = await sim.shipmentsFor(shipmentId);
      expect(booked).toHaveLength(1);
      expect(booked[0]!.status).toBe('DELIVERED');

      const verify = await h.verify();
      expect(verify.violations).toEqual([]);
      expect(verify.orders[order.orderId]).toMatchObject({
        state: 'COMPLETED',
        shippedByLine: { '1': 2, '2': 3 },
        returnedByLine: {},
        shipments: 1,
      });
      const { body } = await h.call('GET', `/orders/${order.orderId}/shipments`);
      expect(body.shipments[0]!.state).toBe('DELIVERED');
      expect(body.shipments[0]!.history.map((x: { state: string }) => x.state)).toEqual([
        'BOOKING',
        'BOOKED',
        'DISPATCHED',
        'DELIVERED',
      ]);
    });

    it('waits for the OrderAccepted of a reservation that arrives first (other topic)', async () => {
      const order = buildOrderAccepted();
      await h.send('StockReserved', buildReserved(order));
      await h.settled();
      expect(h.eventsOf(order.orderId)).toEqual([]);
      await h.send('OrderAccepted', order);
      await h.waitEvents(order.orderId, 'ShipmentDispatched');
    });
    it('takes milestones the carrier sends before our booking has committed', async () => {
      await sim.control('POST', 'milestones', { pickedUpAfterMs: 0, deliveredAfterMs: 0 });
      try {
        const order = buildOrderAccepted();
        await h.send('OrderAccepted', order);
        await h.send('StockReserved', buildReserved(order));
        await h.waitEvents(order.orderId, 'ShipmentDelivered');
        expect(h.eventsOf(order.orderId).map((e) => e.type)).toEqual([
          'FulfillmentRequested',
          'ShipmentBooked',
          'ShipmentDispatched',
          'ShipmentDelivered',
        ]);
      } finally {
        await sim.control('POST', 'milestones', { pickedUpAfterMs: 300, deliveredAfterMs: 600 });
      }
    });
  });

  describe('split shipments', () => {
    it('ships a backordered remainder later, and only the second is the last shipment', async () => {
      const order = buildOrderAccepted();
      await h.send('OrderAccepted', order);
      await h.send('StockReserved', { ...buildReserved(order, { 1: 2, 2: 1 }), partial: true });
      await h.send('StockBackordered', {
        orderId: order.orderId,
        backorderId: randomUUID(),
        warehouseCode: 'WH',
        lines: [{ lineNo: 2, sku: 'NAIL-BOX', quantity: 2, uom: 'DZ', expectedAvailableAt: null }],
        backorderedAt: Date.now(),
      });
      const [first] = await h.waitEvents(order.orderId, 'ShipmentDelivered');
      expect(h.eventsOf(order.orderId, 'ShipmentDispatched')[0]!.value.lastShipment).toBe(false);
      await until(
        async () =>
          (await h.verify()).orders[order.orderId]?.state === 'WAITING_STOCK' ? true : undefined,
        'WAITING_STOCK',
      );
      await h.send('StockReserved', buildReserved(order, { 2: 2 }));
      await h.waitEvents(order.orderId, 'ShipmentDelivered', 2);
      const dispatched = h.eventsOf(order.orderId, 'ShipmentDispatched');
      expect(dispatched[1]!.value).toMatchObject({
        lastShipment: true,
        lines: [{ lineNo: 2, quantity: 2 }],
      });
      expect(dispatched[1]!.value.shipmentId).not.toBe(first!.value.shipmentId);
      const verify = await h.verify();
      expect(verify.orders[order.orderId]).toMatchObject({
        state: 'COMPLETED',
        shippedByLine: { '1': 2, '2': 3 },
        shipments: 2,
      });
    });
  });

  describe('cancellation', () => {
    afterEach(() => sim.control('POST', 'milestones', { hold: false }));

    it('cancels a booked shipment at the carrier before dispatch', async () => {
      await sim.control('POST', 'milestones', { hold: true });
      const order = buildOrderAccepted();
      await h.send('OrderAccepted', order);
      await h.send('StockReserved', buildReserved(order));
      const [bookedEv] = await h.waitEvents(order.orderId, 'ShipmentBooked');
      await h.send('OrderCancelled', {
        orderId: order.orderId,
        reasonCode: 'CUSTOMER_REQUEST',
        reasonText: null,
        cancelledBy: 'test',
        cancelledAt: Date.now(),
      });
      const shipmentId = bookedEv!.value.shipmentId as string;
      await until(async () => {
        const [s] = await sim.shipmentsFor(shipmentId);
        return s?.status === 'CANCELLED' ? s : undefined;
      }, 'booking cancelled at the carrier');
      await until(
        async () =>
          (await h.verify()).orders[order.orderId]?.state === 'CANCELLED' ? true : undefined,
        'CANCELLED',
      );
      const { body } = await h.call('GET', `/orders/${order.orderId}/shipments`);
      expect(body.shipments[0]!.state).toBe('CANCELLED');
      expect(h.eventsOf(order.orderId, 'ShipmentDispatched')).toEqual([]);
    });
  });

  describe('returns and duplicates', () => {
    let order: ReturnType<typeof buildOrderAccepted>;
    let shipmentId: string;
    let trackingNumber: string;
    beforeAll(async () => {
      order = buildOrderAccepted();
      await h.send('OrderAccepted', order);
      const reserved = buildReserved(order);
      const eventId = await h.send('StockReserved', reserved);
      await h.send('StockReserved', reserved, eventId); // a redelivery
      await h.send('StockReserved', reserved); // a replay with a new event id
      const [delivered] = await h.waitEvents(order.orderId, 'ShipmentDelivered');
      shipmentId = delivered!.value.shipmentId as string;
      trackingNumber = delivered!.value.trackingNumber as string;
    });

    it('starts one shipment for a reservation delivered three times', async () => {
      await h.settled();
      expect(h.eventsOf(order.orderId, 'FulfillmentRequested')).toHaveLength(1);
      expect((await sim.shipmentsFor(shipmentId)).length).toBe(1);
    });

    /** As the carrier signs it: the HMAC of `<timestamp>.<raw body>`, sent now by default. */
    const webhook = (
      body: Record<string, unknown>,
      secret = 'o2c-carrier-secret',
      timestamp = Math.floor(Date.now() / 1000),
    ) => {
      const raw = JSON.stringify(body);
      const signed = createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex');
      return fetch(`${h.url}/carrier-webhooks/dhl`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-carrier-timestamp': String(timestamp),
          'x-carrier-signature': `sha256=${signed}`,
        },
        body: raw,
      });
    };

    /** A milestone of this test's shipment, as the carrier sends it. */
    const milestone = (name: 'picked_up' | 'delivered', occurredAt = Date.now()) => ({
      carrier: 'dhl',
      trackingNumber,
      reference: shipmentId,
      milestone: name,
      occurredAt,
    });

    it('applies a repeated webhook once', async () => {
      const body = milestone('picked_up');
      expect((await webhook(body)).status).toBe(204);
      expect((await webhook({ ...body, milestone: 'delivered' })).status).toBe(204);
      await h.settled();
      expect(h.eventsOf(order.orderId, 'ShipmentDispatched')).toHaveLength(1);
      expect(h.eventsOf(order.orderId, 'ShipmentDelivered')).toHaveLength(1);
    });

    it('accepts a webhook signed with either secret while one is rotated', async () => {
      const body = milestone('delivered');
      expect((await webhook(body, 'the-new-carrier-secret')).status).toBe(204);
      expect((await webhook(body, 'o2c-carrier-secret')).status).toBe(204);
    });

    it('refuses a webhook with a bad signature (401 problem+json)', async () => {
      const res = await webhook(milestone('delivered', 1), 'wrong-secret');
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    });

    it('refuses a well-signed webhook replayed outside the 5-minute window, either way', async () => {
      const now = Math.floor(Date.now() / 1000);
      for (const sentAt of [now - 301, now + 301]) {
        const res = await webhook(milestone('delivered'), 'o2c-carrier-secret', sentAt);
        expect(res.status).toBe(401);
        expect(await res.json()).toMatchObject({ type: 'urn:o2c:problem:stale-webhook' });
      }
    });

    it('records a return once per Idempotency-Key, no more than shipped', async () => {
      const body = {
        shipmentId,
        reasonCode: 'DAMAGED',
        lines: [{ lineNo: 1, quantity: 1, condition: 'DAMAGED' }],
      };
      const first = await h.call('POST', `/orders/${order.orderId}/returns`, body, {
        'idempotency-key': 'r-1',
      });
      expect(first.res.status).toBe(201);
      const again = await h.call('POST', `/orders/${order.orderId}/returns`, body, {
        'idempotency-key': 'r-1',
      });
      expect(again.body.returnId).toBe(first.body.returnId);
      const tooMany = await h.call('POST', `/orders/${order.orderId}/returns`, {
        ...body,
        lines: [{ lineNo: 1, quantity: 2, condition: 'RESALEABLE' }],
      });
      expect(tooMany.res.status).toBe(422);
      expect(tooMany.body.title).toBe('RETURN_EXCEEDS_SHIPPED');
      const [received] = await h.waitEvents(order.orderId, 'ReturnReceived');
      expect(received!.value).toMatchObject({
        returnId: first.body.returnId,
        shipmentId,
        reasonCode: 'DAMAGED',
        lines: [{ lineNo: 1, sku: 'FURN-001', quantity: 1, uom: 'EA', condition: 'DAMAGED' }],
      });
      const verify = await h.verify();
      expect(verify.violations).toEqual([]);
      expect(verify.orders[order.orderId]?.returnedByLine).toEqual({ '1': 1 });
      expect(h.eventsOf(order.orderId, 'ReturnReceived')).toHaveLength(1);
    });
  });
});
