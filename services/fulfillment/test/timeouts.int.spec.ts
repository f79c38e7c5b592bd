import {
  buildOrderAccepted,
  buildReserved,
  startCarrierSim,
  startHarness,
  until,
  type CarrierSimProcess,
  type Harness,
} from './harness';
import { UNPUBLISHED } from '@o2c/outbox';
import { sampleOf } from '@o2c/testing';

describe('saga timeouts (carrier milestones held back)', () => {
  let sim: CarrierSimProcess;
  let h: Harness;
  beforeAll(async () => {
    sim = await startCarrierSim();
    await sim.control('POST', 'milestones', { hold: true });
    h = await startHarness(sim, { DISPATCH_TIMEOUT_MS: '1500', DELIVERY_TIMEOUT_MS: '1500' });
    await h.startApp();
  });
  afterAll(async () => {
    await h?.stop();
    await sim?.stop();
  });

  /** The open exceptions of a kind and the age of the oldest, as /metrics reports them. */
  const exceptions = async (kind: string) => {
    const text = await (await fetch(`${h.url}/metrics`)).text();
    return {
      open: sampleOf(text, 'o2c_exceptions_open', { kind }),
      oldestAge: sampleOf(text, 'o2c_exception_oldest_open_age_seconds', { kind }),
    };
  };

  const startOrder = async () => {
    const order = buildOrderAccepted();
    await h.send('OrderAccepted', order);
    await h.send('StockReserved', buildReserved(order));
    const [booked] = await h.waitEvents(order.orderId, 'ShipmentBooked');
    return {
      order,
      shipmentId: booked!.value.shipmentId as string,
      trackingNumber: booked!.value.trackingNumber as string,
    };
  };

  it('cancels a booking never picked up and releases and escalates once', async () => {
    const { order, shipmentId } = await startOrder();
    const [failed] = await h.waitEvents(order.orderId, 'FulfillmentFailed');
    expect(failed!.value).toMatchObject({
      shipmentId,
      stage: 'DISPATCH',
      code: 'CARRIER_UNAVAILABLE',
      compensation: 'RELEASE_AND_ESCALATE',
    });
    const [exception] = await h.waitEvents(order.orderId, 'OrderExceptionRaised');
    expect(exception!.value).toMatchObject({ severity: 'ERROR', code: 'FULFILLMENT_FAILED' });
    const open = await exceptions('fulfillment_failed');
    expect(open.open).toBe(1);
    expect(open.oldestAge).toBeGreaterThan(0);
    expect((await sim.shipmentsFor(shipmentId))[0]?.status).toBe('CANCELLED');
    // Nothing left that could escalate again: the shipment is out of the worker's due states
    // and every event of the fulfillment's outbox is published.
    await until(async () => {
      const s = (await h.app.db('shipments').where({ shipment_id: shipmentId }).first()) as
        { state: string } | undefined;
      const [row] = await h.app.db('outbox').whereRaw(UNPUBLISHED).count({ n: '*' });
      const due = ['BOOKING', 'CANCELLING', 'BOOKED', 'DISPATCHED'].includes(s?.state ?? '');
      return !due && Number(row?.n) === 0 ? true : undefined;
    }, 'the shipment settled and the outbox drained');
    expect(h.eventsOf(order.orderId, 'FulfillmentFailed')).toHaveLength(1);
    expect(h.eventsOf(order.orderId, 'OrderExceptionRaised')).toHaveLength(1);
    const verify = await h.verify();
    expect(verify.violations).toEqual([]);
    expect(verify.orders[order.orderId]?.state).toBe('ESCALATED');
    // An operator's answer to it, cancelling the order, settles the exception.
    await h.send('OrderCancelled', {
      orderId: order.orderId,
      reasonCode: 'CUSTOMER_REQUEST',
      reasonText: null,
      cancelledBy: 'operator',
      cancelledAt: Date.now(),
    });
    await until(async () => {
      const now = await exceptions('fulfillment_failed');
      return now.open === 0 ? now : undefined;
    }, 'the exception settled by the cancellation');
    expect((await exceptions('fulfillment_failed')).oldestAge).toBe(0);
  });

  it('warns once when a dispatched shipment is not delivered in time, and still takes the late delivery', async () => {
    const { order, trackingNumber } = await startOrder();
    await sim.control('POST', `shipments/${trackingNumber}/advance`);
    await h.waitEvents(order.orderId, 'ShipmentDispatched');
    const [warning] = await h.waitEvents(order.orderId, 'OrderExceptionRaised');
    expect(warning!.value).toMatchObject({ severity: 'WARNING', code: 'DELIVERY_OVERDUE' });
    expect(h.eventsOf(order.orderId, 'FulfillmentFailed')).toEqual([]);
    const overdue = await exceptions('delivery_overdue');
    expect(overdue.open).toBe(1);
    expect(overdue.oldestAge).toBeGreaterThan(0);
    await sim.control('POST', `shipments/${trackingNumber}/advance`);
    await h.waitEvents(order.orderId, 'ShipmentDelivered');
    // The late delivery settles the warning.
    expect(await exceptions('delivery_overdue')).toEqual({ open: 0, oldestAge: 0 });
    await until(
      async () =>
        (await h.verify()).orders[order.orderId]?.state === 'COMPLETED' ? true : undefined,
      'COMPLETED',
    );
    expect(h.eventsOf(order.orderId, 'OrderExceptionRaised')).toHaveLength(1);
  });
});

describe('lost carrier webhooks', () => {
  let sim: CarrierSimProcess;
  let h: Harness;
  beforeAll(async () => {
    sim = await startCarrierSim();
    // Nothing listens there: every webhook the carrier sends is lost.
    h = await startHarness(sim, {
      PUBLIC_URL: 'http://127.0.0.1:9',
      DISPATCH_TIMEOUT_MS: '1500',
      DELIVERY_TIMEOUT_MS: '1500',
    });
    await h.startApp();
  });
  afterAll(async () => {
    await h?.stop();
    await sim?.stop();
  });

  it("recovers the milestones from the carrier's tracking when a deadline passes, instead of timing out", async () => {
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
    const { body } = await h.call('GET', `/orders/${order.orderId}/shipments`);
    expect(body.shipments[0]!.state).toBe('DELIVERED');
  });
});
