import { createCarrierSim, type CarrierSim } from '../src/create-carrier-sim';
import { booking, client } from './helpers';

describe('carrier-sim bookings', () => {
  let sim: CarrierSim;
  let call: ReturnType<typeof client>;
  beforeAll(async () => {
    sim = createCarrierSim({ port: 0, carriers: ['dhl', 'ups'] });
    call = client(await sim.start());
  });
  afterAll(() => sim.stop());
  beforeEach(async () => {
    await call('POST', '/__carrier/reset');
    await call('POST', '/__carrier/milestones', { hold: true });
  });

  const book = (key: string | undefined, body: unknown, carrier = 'dhl') =>
    call('POST', `/carriers/${carrier}/v1/shipments`, body, key ? { 'idempotency-key': key } : {});

  it('books once per Idempotency-Key and replays the first answer', async () => {
    const first = await book('k1', booking('http://127.0.0.1:1/hooks'));
    expect(first.status).toBe(201);
    expect(first.body.trackingNumber).toMatch(/^DHL[0-9A-F]{10}$/);
    expect(first.body).toMatchObject({ carrier: 'dhl', serviceLevel: 'standard' });
    const again = await book('k1', booking('http://127.0.0.1:1/hooks'));
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const state = await call('GET', '/__carrier/state');
    expect(state.body.shipments).toHaveLength(1);
    expect(state.body.bookings['dhl:k1']?.trackingNumber).toBe(first.body.trackingNumber);
    expect(state.body.calls.dhl?.book).toBe(2);
  });

  it('keys are per carrier: the same key at another carrier is another booking', async () => {
    const a = await book('k2', booking('http://127.0.0.1:1/hooks'), 'dhl');
    const b = await book('k2', booking('http://127.0.0.1:1/hooks'), 'ups');
    expect(b.status).toBe(201);
    expect(b.body.trackingNumber).not.toBe(a.body.trackingNumber);
  });

  it('refuses a reused key with another body (422)', async () => {
    await book('k3', booking('http://127.0.0.1:1/hooks'));
    const other = await book('k3', booking('http://127.0.0.1:1/hooks', { reference: 'shp-2' }));
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('needs an Idempotency-Key (400)', async () => {
    const res = await book(undefined, booking('http://127.0.0.1:1/hooks'));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
  });

  it('answers 422 {code, message} naming the invalid fields', async () => {
    const res = await book('k4', booking('not a url', { parcels: [] }));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.message).toContain('parcels');
    expect(res.body.message).toContain('callbackUrl');
  });

  it('answers 404 for a carrier it does not play', async () => {
    const res = await book('k5', booking('http://127.0.0.1:1/hooks'), 'fedex');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('UNKNOWN_CARRIER');
  });

  it('tracks a booking and cancels it before pickup', async () => {
    const { body } = await book('k6', booking('http://127.0.0.1:1/hooks'));
    const path = `/carriers/dhl/v1/shipments/${body.trackingNumber}`;
    expect((await call('GET', path)).body).toMatchObject({ status: 'BOOKED', milestones: [] });
    expect((await call('DELETE', path)).status).toBe(204);
    expect((await call('GET', path)).body.status).toBe('CANCELLED');
    expect((await call('GET', `/carriers/ups/v1/shipments/${body.trackingNumber}`)).status).toBe(
      404,
    );
  });

  it('refuses to cancel once picked up (409)', async () => {
    const { body } = await book('k7', booking('http://127.0.0.1:1/hooks'));
    await call('POST', `/__carrier/shipments/${body.trackingNumber}/advance`);
    const res = await call('DELETE', `/carriers/dhl/v1/shipments/${body.trackingNumber}`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('ALREADY_PICKED_UP');
  });
});
