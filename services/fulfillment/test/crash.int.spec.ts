import { createServer } from 'node:net';
import { spawnProcess, type SpawnedProcess } from '@o2c/testing';
import {
  buildOrderAccepted,
  buildReserved,
  serviceMain,
  startCarrierSim,
  startHarness,
  until,
  type CarrierSimProcess,
  type Harness,
} from './harness';

/** A port free right now: a restarted instance must give the carrier the same callback URL. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

describe('a saga worker killed mid-booking', () => {
  let sim: CarrierSimProcess;
  let h: Harness;
  let proc: SpawnedProcess | undefined;
  beforeAll(async () => {
    sim = await startCarrierSim();
    h = await startHarness(sim);
  });
  afterAll(async () => {
    proc?.child.kill('SIGKILL');
    await h?.stop();
    await sim?.stop();
  });

  const spawnService = (port: number) =>
    spawnProcess(serviceMain, {
      ...h.serviceEnv,
      PORT: String(port),
      // Long enough that the process is still waiting for the carrier when it is killed.
      CARRIER_TIMEOUT_MS: '30000',
      LOG_LEVEL: 'info',
    });

  it('books once: the restarted worker gets the first booking back under the same Idempotency-Key', async () => {
    const port = await freePort();
    const order = buildOrderAccepted();
    // The carrier books, then its answer is lost.
    await sim.failBookings(order, 'timeout_after_booking', { times: 1 });
    proc = spawnService(port);
    await h.send('OrderAccepted', order);
    await h.send('StockReserved', buildReserved(order));
    const [requested] = await h.waitEvents(order.orderId, 'FulfillmentRequested');
    const shipmentId = requested!.value.shipmentId as string;
    const [first] = await until(async () => {
      const found = await sim.shipmentsFor(shipmentId);
      return found.length ? found : undefined;
    }, 'the booking at the carrier');

    proc.child.kill('SIGKILL');
    await proc.exited;
    expect(h.eventsOf(order.orderId, 'ShipmentBooked')).toEqual([]);

    proc = spawnService(port);
    const [booked] = await h.waitEvents(order.orderId, 'ShipmentBooked', 1, 60_000);
    expect(booked!.value).toMatchObject({
      carrierCode: 'dhl',
      trackingNumber: first!.trackingNumber,
    });
    await h.waitEvents(order.orderId, 'ShipmentDelivered', 1, 60_000);
    expect(await sim.shipmentsFor(shipmentId)).toHaveLength(1);
    const state = await sim.control<{
      bookings: Record<string, { trackingNumber: string }>;
      calls: Record<string, Record<string, number>>;
    }>('GET', 'state');
    // Two calls with Idempotency-Key `${shipmentId}:dhl` (the carrier scopes keys per carrier).
    expect(state.bookings[`dhl:${shipmentId}:dhl`]?.trackingNumber).toBe(first!.trackingNumber);
    expect(state.calls.dhl?.book).toBe(2);
    expect(h.eventsOf(order.orderId, 'ShipmentBooked')).toHaveLength(1);
    expect(h.eventsOf(order.orderId, 'FulfillmentFailed')).toEqual([]);
  });
});
