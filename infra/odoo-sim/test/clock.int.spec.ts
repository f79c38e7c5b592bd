import type { OdooSim } from '../src/create-odoo-sim';
import { startSim, type SimClient } from './sim-client';

interface Row {
  id: number;
  write_date: string;
}

describe('write_date and the controllable clock', () => {
  let sim: OdooSim;
  let client: SimClient;
  beforeAll(async () => ({ sim, client } = await startSim(17)));
  afterAll(() => sim.stop());
  beforeEach(() => client.control('POST', 'reset'));

  const poll = (cursor: string) =>
    client.call<Row[]>('res.partner', 'search_read', [[['write_date', '>=', cursor]]], {
      fields: ['write_date'],
      order: 'write_date asc, id asc',
    });

  it('stamps create and write with the transaction time as naive UTC seconds', async () => {
    await client.control('POST', 'clock', { freeze: '2024-05-02 09:12:33' });
    const id = await client.call<number>('res.partner', 'create', [{ name: 'Clocked' }]);
    const [row] = await client.call<Record<string, unknown>[]>('res.partner', 'read', [
      [id],
      ['create_date', 'write_date'],
    ]);
    expect(row).toEqual({
      id,
      create_date: '2024-05-02 09:12:33',
      write_date: '2024-05-02 09:12:33',
    });
  });

  it('produces same-second ties while frozen, ordered by id', async () => {
    await client.control('POST', 'clock', { freeze: '2030-01-01 00:00:00' });
    const a = await client.call<number>('res.partner', 'create', [{ name: 'A' }]);
    const b = await client.call<number>('res.partner', 'create', [{ name: 'B' }]);
    expect(await poll('2030-01-01 00:00:00')).toEqual([
      { id: a, write_date: '2030-01-01 00:00:00' },
      { id: b, write_date: '2030-01-01 00:00:00' },
    ]);
  });

  it('stores write_date below the second but reads it back in whole seconds (as Odoo 17 does)', async () => {
    await client.control('POST', 'clock', { freeze: '2030-01-01 00:00:07' });
    const a = await client.call<number>('res.partner', 'create', [{ name: 'A' }]);
    const b = await client.call<number>('res.partner', 'create', [{ name: 'B' }]);
    const second = '2030-01-01 00:00:07';
    const by = (domain: unknown[]) =>
      client.call<Row[]>('res.partner', 'search_read', [[['id', 'in', [a, b]], ...domain]], {
        fields: ['write_date'],
        order: 'write_date asc, id asc',
      });
    expect(await by([])).toEqual([
      { id: a, write_date: second },
      { id: b, write_date: second },
    ]);
    // The value just read matches nothing with '=' and everything again with '>'.
    expect(await by([['write_date', '=', second]])).toEqual([]);
    expect((await by([['write_date', '>', second]])).map((r) => r.id)).toEqual([a, b]);
    expect(await by([['write_date', '<', '2030-01-01 00:00:08']])).toHaveLength(2);
  });

  it('refuses a datetime with a trailing Z: unconverted data remains', async () => {
    const err = await client.failure('sale.order', 'create', [
      { partner_id: 5, date_order: '2024-05-02 09:12:33Z' },
    ]);
    expect(err?.name).toBe('builtins.ValueError');
    expect(err?.message).toBe('unconverted data remains: Z');
  });

  it('lets a late commit carry a write_date older than what a poller already saw', async () => {
    await client.control('POST', 'clock', { freeze: '2030-01-01 10:00:00' });
    const early = await client.call<number>('res.partner', 'create', [{ name: 'Early' }]);
    await client.control('POST', 'clock', { advanceSeconds: 60 });
    const late = await client.call<number>('res.partner', 'create', [{ name: 'Late' }]);
    const seen = await poll('2030-01-01 10:00:30');
    expect(seen.map((r) => r.id)).toEqual([late]);
    await client.control('POST', 'clock', { nextTransactionAt: '2030-01-01 10:00:10' });
    await client.call('res.partner', 'write', [[early], { phone: '123' }]);
    expect((await poll('2030-01-01 10:00:30')).map((r) => r.id)).toEqual([late]);
    expect((await poll('2030-01-01 10:00:05')).map((r) => [r.id, r.write_date])).toEqual([
      [early, '2030-01-01 10:00:10'],
      [late, '2030-01-01 10:01:00'],
    ]);
  });

  it('rejects ISO datetimes on write as Odoo does', async () => {
    const err = await client.failure('sale.order', 'create', [
      { partner_id: 5, date_order: '2024-05-02T09:12:33Z' },
    ]);
    expect(err?.name).toBe('builtins.ValueError');
  });
});
