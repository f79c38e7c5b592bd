import type { OdooSim } from '../src/create-odoo-sim';
import { quantity, readOne } from './flow-helpers';
import { startSim, type SimClient } from './sim-client';

describe('stock details', () => {
  let sim: OdooSim;
  let client: SimClient;
  beforeAll(async () => ({ sim, client } = await startSim(17)));
  afterAll(() => sim.stop());

  it('reports qty_available per warehouse or location from context', async () => {
    const qty = async (context: Record<string, unknown>) =>
      (
        await client.call<{ qty_available: number }[]>(
          'product.product',
          'read',
          [[1], ['qty_available']],
          { context },
        )
      )[0]?.qty_available;
    expect(await qty({})).toBe(80);
    expect(await qty({ warehouse: 1 })).toBe(60);
    expect(await qty({ warehouse: 2 })).toBe(20);
    expect(await qty({ location: 9 })).toBe(10);
  });

  it("puts a quant in its location's company (Odoo: related, stored)", async () => {
    const company = await client.call<number>('res.company', 'create', [
      { name: 'Other Co', currency_id: 1 },
    ]);
    const location = await client.call<number>('stock.location', 'create', [
      { name: 'Other Stock', usage: 'internal', company_id: company },
    ]);
    await client.control('POST', 'stock', { productId: 1, locationId: location, quantity: 7 });
    const quants = await client.call<{ company_id: [number, string] }[]>(
      'stock.quant',
      'search_read',
      [[['location_id', '=', location]]],
      { fields: ['company_id'] },
    );
    expect(quants.map((q) => q.company_id[0])).toEqual([company]);
    const [ours] = await client.call<number[]>('stock.quant', 'search', [
      [['location_id', '=', 8]],
    ]);
    expect(await readOne(client, 'stock.quant', ours!, ['company_id'])).toMatchObject({
      company_id: [1, 'O2C Distribution'],
    });
  });

  it('validates an internal transfer created over RPC with move commands', async () => {
    const picking = await client.call<number>('stock.picking', 'create', [
      {
        picking_type_id: 3,
        location_id: 3,
        location_dest_id: 11,
        move_ids: [[0, 0, { product_id: 4, product_uom_qty: 2, product_uom: 3 }]],
      },
    ]);
    expect(await client.call('stock.picking', 'action_confirm', [[picking]])).toBe(true);
    expect(await readOne(client, 'stock.picking', picking, ['state', 'name'])).toEqual({
      id: picking,
      state: 'assigned',
      name: 'WH2/IN/00001',
    });
    expect(await client.call('stock.picking', 'button_validate', [[picking]])).toBe(true);
    expect(await quantity(client, 4, 11)).toBe(10);
  });

  it('keeps type and detailed_type in sync on 16/17', async () => {
    const id = await client.call<number>('product.product', 'create', [
      { name: 'Widget', default_code: 'W-1', type: 'product' },
    ]);
    expect(await client.call('product.product', 'read', [[id], ['detailed_type', 'type']])).toEqual(
      [{ id, detailed_type: 'product', type: 'product' }],
    );
  });

  it('applies an inventory count over RPC and sets stock through the control API', async () => {
    const [quantId] = await client.call<number[]>('stock.quant', 'search', [
      [
        ['product_id', '=', 5],
        ['location_id', '=', 8],
      ],
    ]);
    await client.call('stock.quant', 'write', [[quantId], { inventory_quantity: 27 }]);
    const { body } = await client.executeRaw('stock.quant', 'action_apply_inventory', [[quantId]]);
    expect('result' in body).toBe(false);
    expect(await quantity(client, 5, 8)).toBe(27);
    const quant = await client.control<{ quantity: number }>('POST', 'stock', {
      productId: 2,
      locationId: 11,
      quantity: 7,
    });
    expect(quant.quantity).toBe(7);
    expect(await quantity(client, 2, 11)).toBe(7);
  });

  it('answers the positional execute service too', async () => {
    const { body } = await client.rpc({
      service: 'object',
      method: 'execute',
      args: ['o2c', 2, 'admin', 'res.partner', 'search', [['ref', '=', 'CUST-003']]],
    });
    expect(body.result).toEqual([8]);
  });
});

describe('detailed operations (stock.move.line)', () => {
  it.each([16, 17] as const)(
    'ships a partial quantity written on the move line on Odoo %i',
    async (version) => {
      const { sim, client } = await startSim(version);
      try {
        const so = await client.call<number>('sale.order', 'create', [
          { partner_id: 5, order_line: [[0, 0, { product_id: 3, product_uom_qty: 10 }]] },
        ]);
        await client.call('sale.order', 'action_confirm', [[so]]);
        const { picking_ids } = await readOne<{ picking_ids: number[] }>(client, 'sale.order', so, [
          'picking_ids',
        ]);
        const { move_line_ids } = await readOne<{ move_line_ids: number[] }>(
          client,
          'stock.picking',
          picking_ids[0]!,
          ['move_line_ids'],
        );
        expect(move_line_ids).toHaveLength(1);
        const qtyField = version === 16 ? 'qty_done' : 'quantity';
        await client.call('stock.move.line', 'write', [
          move_line_ids,
          { [qtyField]: 4, ...(version === 16 ? {} : { picked: true }) },
        ]);
        const [move] = await client.call<Record<string, unknown>[]>(
          'stock.move',
          'search_read',
          [[['picking_id', 'in', picking_ids]]],
          { fields: [version === 16 ? 'quantity_done' : 'quantity'] },
        );
        expect(move).toMatchObject(version === 16 ? { quantity_done: 4 } : { quantity: 4 });
        const action = await client.call<{ res_model: string; context: Record<string, unknown> }>(
          'stock.picking',
          'button_validate',
          [picking_ids],
        );
        expect(action.res_model).toBe('stock.backorder.confirmation');
        const wizard = await client.call<number>(action.res_model, 'create', [{}], {
          context: action.context,
        });
        await client.call(action.res_model, 'process_cancel_backorder', [[wizard]], {
          context: action.context,
        });
        expect(await quantity(client, 3, 8)).toBe(96);
        expect(
          await client.call('stock.picking', 'search_count', [
            [['backorder_id', 'in', picking_ids]],
          ]),
        ).toBe(0);
      } finally {
        await sim.stop();
      }
    },
  );
});
