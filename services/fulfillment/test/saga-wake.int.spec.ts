import {
  buildOrderAccepted,
  buildReserved,
  startCarrierSim,
  startHarness,
  type CarrierSimProcess,
  type Harness,
} from './harness';

describe('saga worker: a saved step is taken when due, without waiting for the poll', () => {
  let sim: CarrierSimProcess;
  let h: Harness;
  beforeAll(async () => {
    sim = await startCarrierSim({
      CARRIER_SIM_PICKED_UP_AFTER_MS: '0',
      CARRIER_SIM_DELIVERED_AFTER_MS: '0',
    });
    // The workers poll once at start and then every 10 minutes: only the wake-up can book.
    h = await startHarness(sim, { SAGA_POLL_MS: '600000' });
    await h.startApp();
  });
  afterAll(async () => {
    await h?.stop();
    await sim?.stop();
  });

  it('books each new shipment as soon as the reservation is committed', async () => {
    const orders = [buildOrderAccepted(), buildOrderAccepted(), buildOrderAccepted()];
    for (const order of orders) {
      await h.send('OrderAccepted', order);
      await h.send('StockReserved', buildReserved(order));
    }
    for (const order of orders) {
      await h.waitEvents(order.orderId, 'ShipmentBooked');
      expect(h.eventsOf(order.orderId).map((e) => e.type)).toContain('FulfillmentRequested');
    }
  });

  it('retries a booking at its back-off time, then the next one at its own', async () => {
    const order = buildOrderAccepted();
    await sim.failBookings(order, 'unavailable', { times: 2 });
    await h.send('OrderAccepted', order);
    await h.send('StockReserved', buildReserved(order));
    const [booked] = await h.waitEvents(order.orderId, 'ShipmentBooked');
    expect(booked!.value).toMatchObject({ carrierCode: 'dhl', attempt: 3 });
  });
});
