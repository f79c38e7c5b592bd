import type { OdooSim } from '../src/create-odoo-sim';
import { readOne } from './flow-helpers';
import { startSim, type SimClient } from './sim-client';

describe('pricelists and sale order currency (Odoo 17)', () => {
  let sim: OdooSim;
  let client: SimClient;
  beforeAll(async () => ({ sim, client } = await startSim(17)));
  afterAll(() => sim.stop());

  const order = async (vals: Record<string, unknown> = {}) => {
    const so = await client.call<number>('sale.order', 'create', [
      { partner_id: 5, order_line: [[0, 0, { product_id: 1, product_uom_qty: 1 }]], ...vals },
    ]);
    return readOne<{ currency_id: [number, string]; pricelist_id: [number, string] | false }>(
      client,
      'sale.order',
      so,
      ['currency_id', 'pricelist_id'],
    );
  };

  it('finds a pricelist by its currency name', async () => {
    const found = await client.call<{ id: number; name: string }[]>(
      'product.pricelist',
      'search_read',
      [[['currency_id.name', '=', 'EUR']]],
      { fields: ['name'] },
    );
    expect(found.map((p) => p.name)).toEqual(['EUR Pricelist']);
    const company = await readOne<{ currency_id: [number, string] }>(client, 'res.company', 1, [
      'currency_id',
    ]);
    expect(company.currency_id[1]).toBe('USD');
  });

  it('takes the default (company currency) pricelist without one, and the currency of the one given', async () => {
    expect(await order()).toMatchObject({
      currency_id: [2, 'USD'],
      pricelist_id: [1, 'Public Pricelist'],
    });
    expect(await order({ pricelist_id: 2 })).toMatchObject({
      currency_id: [1, 'EUR'],
      pricelist_id: [2, 'EUR Pricelist'],
    });
  });
});
