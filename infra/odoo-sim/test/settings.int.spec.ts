import type { OdooSim } from '../src/create-odoo-sim';
import { startSim, type SimClient } from './sim-client';

describe('what a setup check reads (Odoo 17)', () => {
  let sim: OdooSim;
  let client: SimClient;
  beforeAll(async () => ({ sim, client } = await startSim(17)));
  afterAll(() => sim.stop());

  describe('check_access_rights', () => {
    it('answers true for every operation of the admin', async () => {
      for (const op of ['read', 'write', 'create', 'unlink'])
        await expect(client.call('sale.order', 'check_access_rights', [op])).resolves.toBe(true);
    });

    it('answers false for the read-only user when told not to raise, AccessError otherwise', async () => {
      const ro = [6, 'o2c-readonly-key'] as const;
      await expect(
        client.call('account.move', 'check_access_rights', ['read'], {}, ...ro),
      ).resolves.toBe(true);
      await expect(
        client.call(
          'account.move',
          'check_access_rights',
          ['create'],
          { raise_exception: false },
          ...ro,
        ),
      ).resolves.toBe(false);
      const error = await client.failure(
        'stock.picking',
        'check_access_rights',
        ['write'],
        {},
        ...ro,
      );
      expect(error?.name).toBe('odoo.exceptions.AccessError');
      expect(error?.message).toContain("You are not allowed to modify 'Transfer' (stock.picking)");
    });

    it('refuses an unknown operation', async () => {
      const error = await client.failure('sale.order', 'check_access_rights', ['approve']);
      expect(error?.name).toBe('builtins.ValueError');
    });
  });

  it('gives warehouses one-step delivery by default, and stores other steps', async () => {
    const [wh] = await client.call<Array<{ delivery_steps: string }>>(
      'stock.warehouse',
      'search_read',
      [[['code', '=', 'WH']]],
      { fields: ['delivery_steps'] },
    );
    expect(wh?.delivery_steps).toBe('ship_only');
    await client.call('stock.warehouse', 'write', [[2], { delivery_steps: 'pick_ship' }]);
    const [wh2] = await client.call<Array<{ delivery_steps: string }>>('stock.warehouse', 'read', [
      [2],
      ['delivery_steps'],
    ]);
    expect(wh2?.delivery_steps).toBe('pick_ship');
  });

  it('has pricelists with their currency, as sale orders take it from them', async () => {
    const lists = await client.call<Array<{ name: string; currency_id: [number, string] }>>(
      'product.pricelist',
      'search_read',
      [[]],
      { fields: ['name', 'currency_id'] },
    );
    expect(lists.map((l) => [l.name, l.currency_id[1]])).toEqual([
      ['Public Pricelist', 'USD'],
      ['EUR Pricelist', 'EUR'],
    ]);
  });
});
