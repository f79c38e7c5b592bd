import { createCarrierSim, type CarrierSim } from '../src/create-carrier-sim';
import { booking, client, hmac, SECRET, startReceiver, until } from './helpers';

describe('carrier-sim milestone webhooks', () => {
  let sim: CarrierSim;
  let call: ReturnType<typeof client>;
  beforeAll(async () => {
    sim = createCarrierSim({
      port: 0,
      webhookSecret: SECRET,
      pickedUpAfterMs: 50,
      deliveredAfterMs: 150,
    });
    call = client(await sim.start());
  });
  afterAll(() => sim.stop());
  beforeEach(() => call('POST', '/__carrier/reset'));

  const book = (callbackUrl: string, key = 'k') =>
    call('POST', '/carriers/ups/v1/shipments', booking(callbackUrl), { 'idempotency-key': key });

  it('sends picked_up then delivered, signed with the HMAC of its timestamp and raw body', async () => {
    const receiver = await startReceiver();
    try {
      const { body } = await book(receiver.url);
      await until(() => (receiver.received.length === 2 ? true : undefined), 'two webhooks');
      expect(receiver.received.map((r) => r.body.milestone)).toEqual(['picked_up', 'delivered']);
      for (const r of receiver.received) {
        expect(Math.abs(Number(r.timestamp) * 1000 - Date.now())).toBeLessThan(600_000);
        expect(r.signature).toBe(hmac(r.timestamp, r.raw));
      }
      const delivered = receiver.received[1]!.body;
      expect(delivered).toMatchObject({
        carrier: 'ups',
        trackingNumber: body.trackingNumber,
        reference: 'shp-1',
        milestone: 'delivered',
        receivedBy: 'Ada Buyer',
      });
      expect(typeof delivered.occurredAt).toBe('number');
      const tracked = await call('GET', `/carriers/ups/v1/shipments/${body.trackingNumber}`);
      expect(tracked.body.status).toBe('DELIVERED');
      expect(tracked.body.milestones.map((m: { milestone: string }) => m.milestone)).toEqual([
        'picked_up',
        'delivered',
      ]);
    } finally {
      await receiver.stop();
    }
  });

  it('retries a webhook the receiver fails, keeping the order', async () => {
    const receiver = await startReceiver(2);
    try {
      await book(receiver.url);
      await until(() => (receiver.received.length === 2 ? true : undefined), 'two webhooks');
      expect(receiver.failures()).toBe(2);
      expect(receiver.received.map((r) => r.body.milestone)).toEqual(['picked_up', 'delivered']);
      const { body } = await call('GET', '/__carrier/state');
      expect(body.shipments[0]?.webhooks[0]).toMatchObject({ milestone: 'picked_up', attempts: 3 });
    } finally {
      await receiver.stop();
    }
  });

  it('holds milestones on request and sends the next one on advance', async () => {
    const receiver = await startReceiver();
    try {
      await call('POST', '/__carrier/milestones', { hold: true });
      const { body } = await book(receiver.url);
      await new Promise((r) => setTimeout(r, 250));
      expect(receiver.received).toHaveLength(0);
      const advanced = await call('POST', `/__carrier/shipments/${body.trackingNumber}/advance`);
      expect(advanced.body.status).toBe('PICKED_UP');
      await until(() => receiver.received[0], 'picked_up');
      await call('POST', `/__carrier/shipments/${body.trackingNumber}/advance`);
      await until(() => receiver.received[1], 'delivered');
      const third = await call('POST', `/__carrier/shipments/${body.trackingNumber}/advance`);
      expect(third.status).toBe(409);
    } finally {
      await receiver.stop();
    }
  });

  it('sends nothing for a booking cancelled before pickup', async () => {
    const receiver = await startReceiver();
    try {
      await call('POST', '/__carrier/milestones', { pickedUpAfterMs: 150, deliveredAfterMs: 200 });
      const { body } = await book(receiver.url);
      await call('DELETE', `/carriers/ups/v1/shipments/${body.trackingNumber}`);
      await new Promise((r) => setTimeout(r, 400));
      expect(receiver.received).toHaveLength(0);
    } finally {
      await receiver.stop();
    }
  });
});
