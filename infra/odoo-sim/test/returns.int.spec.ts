import type { OdooSim } from '../src/create-odoo-sim';
import { quantity, readOne } from './flow-helpers';
import { startSim, type SimClient } from './sim-client';

const CHAIR = 1;
const WH_STOCK = 8;

describe('returns of a delivery (stock.return.picking, Odoo 17)', () => {
  let sim: OdooSim;
  let client: SimClient;
  beforeAll(async () => ({ sim, client } = await startSim(17)));
  afterAll(() => sim.stop());

  async function delivered(qty: number) {
    const so = await client.call<number>('sale.order', 'create', [
      { partner_id: 5, order_line: [[0, 0, { product_id: CHAIR, product_uom_qty: qty }]] },
    ]);
    await client.call('sale.order', 'action_confirm', [[so]]);
    const { picking_ids } = await readOne<{ picking_ids: number[] }>(client, 'sale.order', so, [
      'picking_ids',
    ]);
    const picking = picking_ids[0]!;
    return { so, picking };
  }

  const wizardFor = (picking: number) =>
    client.call<number>('stock.return.picking', 'create', [{}], {
      context: { active_model: 'stock.picking', active_id: picking, active_ids: [picking] },
    });

  it('refuses to return a delivery that is not done', async () => {
    const { picking } = await delivered(1);
    const failure = await client.failure('stock.return.picking', 'create', [{}], {
      context: { active_model: 'stock.picking', active_id: picking },
    });
    expect(failure).toMatchObject({
      name: 'odoo.exceptions.UserError',
      message: 'You may only return Done pickings.',
    });
  });

  it('creates a return receipt of the quantities asked, answers its action, and validating it brings the goods back and lowers the delivered quantity', async () => {
    const { so, picking } = await delivered(3);
    expect(
      await client.call('stock.picking', 'button_validate', [[picking]], {
        context: { skip_sms: true },
      }),
    ).toBe(true);
    const before = await quantity(client, CHAIR, WH_STOCK);
    const wizard = await wizardFor(picking);
    const { product_return_moves } = await readOne<{ product_return_moves: number[] }>(
      client,
      'stock.return.picking',
      wizard,
      ['product_return_moves'],
    );
    const lines = await client.call<
      { id: number; product_id: [number, string]; quantity: number }[]
    >('stock.return.picking.line', 'read', [product_return_moves, ['product_id', 'quantity']]);
    expect(lines.map((l) => [l.product_id[0], l.quantity])).toEqual([[CHAIR, 3]]);
    await client.call('stock.return.picking.line', 'write', [[lines[0]!.id], { quantity: 2 }]);
    const action = await client.call<{ res_model: string; res_id: number; type: string }>(
      'stock.return.picking',
      'create_returns',
      [[wizard]],
    );
    expect(action).toMatchObject({ type: 'ir.actions.act_window', res_model: 'stock.picking' });
    const ret = await readOne<Record<string, unknown>>(client, 'stock.picking', action.res_id, [
      'state',
      'origin',
      'return_id',
      'picking_type_code',
      'move_ids',
    ]);
    expect(ret).toMatchObject({
      state: 'assigned',
      origin: expect.stringMatching(/^Return of WH\/OUT\//) as unknown,
      return_id: [picking, expect.any(String) as unknown],
      picking_type_code: 'incoming',
    });
    expect(
      await client.call('stock.picking', 'button_validate', [[action.res_id]], {
        context: { skip_sms: true },
      }),
    ).toBe(true);
    expect(await quantity(client, CHAIR, WH_STOCK)).toBe(before + 2);
    const [line] = await client.call<{ qty_delivered: number }[]>(
      'sale.order.line',
      'search_read',
      [[['order_id', '=', so]]],
      { fields: ['qty_delivered'] },
    );
    expect(line?.qty_delivered).toBe(1);
    // What is left to return: 1
    const again = await wizardFor(picking);
    const { product_return_moves: left } = await readOne<{ product_return_moves: number[] }>(
      client,
      'stock.return.picking',
      again,
      ['product_return_moves'],
    );
    const [rest] = await client.call<{ quantity: number }[]>('stock.return.picking.line', 'read', [
      left,
      ['quantity'],
    ]);
    expect(rest?.quantity).toBe(1);
  });
});
