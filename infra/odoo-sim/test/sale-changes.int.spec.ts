import type { OdooSim } from '../src/create-odoo-sim';
import { readOne, type ActionDict } from './flow-helpers';
import { startSim, type SimClient } from './sim-client';

async function confirmedOrder(
  client: SimClient,
  qty: number,
): Promise<{ so: number; pickings: number[] }> {
  const so = await client.call<number>('sale.order', 'create', [
    { partner_id: 5, order_line: [[0, 0, { product_id: 3, product_uom_qty: qty }]] },
  ]);
  await client.call('sale.order', 'action_confirm', [[so]]);
  const { picking_ids } = await readOne<{ picking_ids: number[] }>(client, 'sale.order', so, [
    'picking_ids',
  ]);
  return { so, pickings: picking_ids };
}

const demand = async (client: SimClient, pickings: number[]) =>
  (
    await client.call<{ product_uom_qty: number }[]>(
      'stock.move',
      'search_read',
      [
        [
          ['picking_id', 'in', pickings],
          ['state', '!=', 'cancel'],
        ],
      ],
      { fields: ['product_uom_qty'] },
    )
  )
    .map((m) => m.product_uom_qty)
    .sort((a, b) => a - b);

describe('order changes after confirmation (Odoo 17)', () => {
  let sim: OdooSim;
  let client: SimClient;
  beforeAll(async () => ({ sim, client } = await startSim(17)));
  afterAll(() => sim.stop());

  it('adds a move to the open delivery for an added line and raises the open move of an increased one', async () => {
    const { so, pickings } = await confirmedOrder(client, 2);
    await client.call('sale.order', 'write', [
      [so],
      { order_line: [[0, 0, { product_id: 4, product_uom_qty: 1 }]] },
    ]);
    const [line] = await client.call<number[]>('sale.order.line', 'search', [
      [
        ['order_id', '=', so],
        ['product_id', '=', 3],
      ],
    ]);
    await client.call('sale.order.line', 'write', [[line], { product_uom_qty: 5 }]);
    const { picking_ids } = await readOne<{ picking_ids: number[] }>(client, 'sale.order', so, [
      'picking_ids',
    ]);
    expect(picking_ids).toEqual(pickings);
    // Odoo merges the raise's procurement into the line's open move (2 → 5), as recorded on a real 17
    expect(await demand(client, pickings)).toEqual([1, 5]);
  });

  it('lowers the open move when a line is decreased, cancels it at 0 and refuses going below delivered', async () => {
    const { so, pickings } = await confirmedOrder(client, 4);
    const [line] = await client.call<number[]>('sale.order.line', 'search', [
      [['order_id', '=', so]],
    ]);
    await client.call('sale.order', 'write', [
      [so],
      {
        order_line: [
          [1, line, { product_uom_qty: 1 }],
          [0, 0, { product_id: 5, product_uom_qty: 3 }],
        ],
      },
    ]);
    expect(await demand(client, pickings)).toEqual([1, 3]);
    await client.call('sale.order.line', 'write', [[line], { product_uom_qty: 0 }]);
    expect(await demand(client, pickings)).toEqual([3]);
    const failure = await client.failure('sale.order.line', 'write', [
      [line],
      { product_uom_qty: -1 },
    ]);
    expect(failure?.name).toBe('odoo.exceptions.UserError');
  });

  it('reprices a line from the list price when its quantity is written without price_unit', async () => {
    const so = await client.call<number>('sale.order', 'create', [
      {
        partner_id: 5,
        order_line: [[0, 0, { product_id: 3, product_uom_qty: 2, price_unit: 7.25 }]],
      },
    ]);
    await client.call('sale.order', 'action_confirm', [[so]]);
    const [line] = await client.call<number[]>('sale.order.line', 'search', [
      [['order_id', '=', so]],
    ]);
    const price = async () =>
      (await readOne<{ price_unit: number }>(client, 'sale.order.line', line!, ['price_unit']))
        .price_unit;
    expect(await price()).toBe(7.25);
    await client.call('sale.order', 'write', [
      [so],
      { order_line: [[1, line, { product_uom_qty: 3, price_unit: 7.25 }]] },
    ]);
    expect(await price()).toBe(7.25);
    await client.call('sale.order', 'write', [
      [so],
      { order_line: [[1, line, { product_uom_qty: 4 }]] },
    ]);
    expect(await price()).toBe(9.5);
  });

  it('releases the reservation of a delivery cancelled on its own', async () => {
    const reserved = async () =>
      (
        await client.call<{ reserved_quantity: number }[]>(
          'stock.quant',
          'search_read',
          [[['product_id', '=', 3]]],
          { fields: ['reserved_quantity'] },
        )
      ).reduce((sum, q) => sum + q.reserved_quantity, 0);
    const before = await reserved();
    const { pickings } = await confirmedOrder(client, 2);
    expect(await reserved()).toBe(before + 2);
    expect(await client.call('stock.picking', 'action_cancel', [pickings])).toBe(true);
    expect(await reserved()).toBe(before);
    expect(await readOne(client, 'stock.picking', pickings[0]!, ['state'])).toMatchObject({
      state: 'cancel',
    });
  });

  it('cancels open deliveries with the order (after the cancel wizard on 17), and refuses a second confirmation', async () => {
    const { so, pickings } = await confirmedOrder(client, 1);
    expect((await client.failure('sale.order', 'action_confirm', [[so]]))?.name).toBe(
      'odoo.exceptions.UserError',
    );
    const action = await client.call<ActionDict>('sale.order', 'action_cancel', [[so]]);
    expect(action).toMatchObject({ res_model: 'sale.order.cancel' });
    expect(await readOne(client, 'sale.order', so, ['state'])).toMatchObject({ state: 'sale' });
    expect(
      await client.call('sale.order', 'action_cancel', [[so]], {
        context: { disable_cancel_warning: true },
      }),
    ).toBe(true);
    expect(await readOne(client, 'stock.picking', pickings[0]!, ['state'])).toMatchObject({
      state: 'cancel',
    });
    expect(await readOne(client, 'sale.order', so, ['state'])).toMatchObject({ state: 'cancel' });
  });
});

describe('order cancel on Odoo 19', () => {
  let sim: OdooSim;
  let client: SimClient;
  beforeAll(async () => ({ sim, client } = await startSim(19)));
  afterAll(() => sim.stop());

  it('cancels a confirmed order at once, without a wizard', async () => {
    const { so } = await confirmedOrder(client, 1);
    expect(await client.call('sale.order', 'action_cancel', [[so]])).toBe(true);
    expect(await readOne(client, 'sale.order', so, ['state'])).toMatchObject({ state: 'cancel' });
  });
});

describe('order changes on Odoo 16', () => {
  let sim: OdooSim;
  let client: SimClient;
  beforeAll(async () => ({ sim, client } = await startSim(16)));
  afterAll(() => sim.stop());

  it('re-confirming a confirmed order does not duplicate demand', async () => {
    const { so, pickings } = await confirmedOrder(client, 2);
    expect(await client.call('sale.order', 'action_confirm', [[so]])).toBe(true);
    expect(await demand(client, pickings)).toEqual([2]);
  });

  it('answers action_cancel with the sale.order.cancel wizard unless disable_cancel_warning', async () => {
    const { so } = await confirmedOrder(client, 1);
    const action = await client.call<ActionDict>('sale.order', 'action_cancel', [[so]]);
    expect(action).toMatchObject({
      res_model: 'sale.order.cancel',
      context: { default_order_id: so },
    });
    const wizard = await client.call<number>('sale.order.cancel', 'create', [{}], {
      context: action.context,
    });
    expect(await client.call('sale.order.cancel', 'action_cancel', [[wizard]])).toBe(true);
    expect(await readOne(client, 'sale.order', so, ['state'])).toMatchObject({ state: 'cancel' });
    const other = await confirmedOrder(client, 1);
    expect(
      await client.call('sale.order', 'action_cancel', [[other.so]], {
        context: { disable_cancel_warning: true },
      }),
    ).toBe(true);
  });
});
