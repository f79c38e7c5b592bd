import { createCarrierSim, type CarrierSim } from '../src/create-carrier-sim';
import { booking, client } from './helpers';

describe('carrier-sim fault rules', () => {
  let sim: CarrierSim;
  let call: ReturnType<typeof client>;
  beforeAll(async () => {
    sim = createCarrierSim({ port: 0 });
    call = client(await sim.start());
  });
  afterAll(() => sim.stop());
  beforeEach(async () => {
    await call('POST', '/__carrier/reset');
    await call('POST', '/__carrier/milestones', { hold: true });
  });

  const book = (key: string, overrides: Record<string, unknown> = {}, signal?: AbortSignal) =>
    call(
      'POST',
      '/carriers/dhl/v1/shipments',
      booking('http://127.0.0.1:1/hooks', overrides),
      { 'idempotency-key': key },
      signal,
    );
  const shipments = async () => (await call('GET', '/__carrier/state')).body.shipments as unknown[];

  it('rejects n times with ADDRESS_UNDELIVERABLE, then books', async () => {
    await call('POST', '/__carrier/faults', { carrier: 'dhl', mode: 'reject', times: 2 });
    for (const key of ['a', 'b']) {
      const res = await book(key);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('ADDRESS_UNDELIVERABLE');
    }
    expect((await book('c')).status).toBe(201);
    expect(await shipments()).toHaveLength(1);
  });

  it('is unavailable (503) forever only for the matching postal code and carrier', async () => {
    await call('POST', '/__carrier/faults', {
      carrier: 'dhl',
      mode: 'unavailable',
      match: { postalCode: '99999' },
    });
    const down = booking('http://127.0.0.1:1/hooks').shipTo;
    for (let i = 0; i < 3; i++) {
      expect((await book(`d${i}`, { shipTo: { ...down, postalCode: '99999' } })).status).toBe(503);
    }
    expect((await book('e')).status).toBe(201);
    const ups = await call(
      'POST',
      '/carriers/ups/v1/shipments',
      booking('http://127.0.0.1:1/hooks', { shipTo: { ...down, postalCode: '99999' } }),
      { 'idempotency-key': 'f' },
    );
    expect(ups.status).toBe(201);
  });

  it('never answers in timeout mode and books nothing', async () => {
    await call('POST', '/__carrier/faults', { carrier: 'dhl', mode: 'timeout', times: 1 });
    await expect(book('g', {}, AbortSignal.timeout(300))).rejects.toThrow();
    expect(await shipments()).toHaveLength(0);
    expect((await book('g')).status).toBe(201);
  });

  it('books but never answers in timeout_after_booking mode; the retry gets the booking', async () => {
    await call('POST', '/__carrier/faults', {
      carrier: 'dhl',
      mode: 'timeout_after_booking',
      times: 1,
    });
    await expect(book('h', {}, AbortSignal.timeout(300))).rejects.toThrow();
    const retry = await book('h');
    expect(retry.status).toBe(200);
    expect(await shipments()).toHaveLength(1);
  });

  it('refuses a rule for an unknown carrier or mode (400)', async () => {
    expect((await call('POST', '/__carrier/faults', { carrier: 'x', mode: 'reject' })).status).toBe(
      400,
    );
    expect((await call('POST', '/__carrier/faults', { carrier: 'dhl', mode: 'boom' })).status).toBe(
      400,
    );
  });
});
