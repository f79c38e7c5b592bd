import type { OdooSim } from '../src/create-odoo-sim';
import { readOne } from './flow-helpers';
import { startSim, type SimClient } from './sim-client';

/** A confirmed order of 2 chairs for a customer (given a phone or not); its delivery's id. */
async function delivery(client: SimClient, phone: string | false): Promise<number> {
  const partner = await client.call<number>('res.partner', 'create', [
    { name: 'SMS customer', phone },
  ]);
  const so = await client.call<number>('sale.order', 'create', [
    { partner_id: partner, order_line: [[0, 0, { product_id: 1, product_uom_qty: 2 }]] },
  ]);
  await client.call('sale.order', 'action_confirm', [[so]]);
  const { picking_ids } = await readOne<{ picking_ids: number[] }>(client, 'sale.order', so, [
    'picking_ids',
  ]);
  return picking_ids[0]!;
}

const state = async (client: SimClient, picking: number) =>
  (await readOne<{ state: string }>(client, 'stock.picking', picking, ['state'])).state;

describe('installed modules (default: sale_management, stock, account, stock_sms, sms)', () => {
  let sim: OdooSim;
  let client: SimClient;
  beforeAll(async () => ({ sim, client } = await startSim(17)));
  afterAll(() => sim.stop());
  beforeEach(() => client.control('POST', 'reset'));

  it('lists them in ir.module.module with their dependencies', async () => {
    const rows = await client.call<Array<{ name: string; state: string }>>(
      'ir.module.module',
      'search_read',
      [[['name', 'in', ['sale', 'stock_sms', 'sms', 'stock_delivery']]]],
      { fields: ['name', 'state'] },
    );
    expect(Object.fromEntries(rows.map((r) => [r.name, r.state]))).toEqual({
      sale: 'installed',
      stock_sms: 'installed',
      sms: 'installed',
      stock_delivery: 'uninstalled',
    });
  });

  it('has no carrier_tracking_ref without stock_delivery (ValueError Invalid field)', async () => {
    const picking = await delivery(client, false);
    const write = await client.failure('stock.picking', 'write', [
      [picking],
      { carrier_tracking_ref: 'TRK-1' },
    ]);
    expect(write).toMatchObject({
      name: 'builtins.ValueError',
      message: "Invalid field 'carrier_tracking_ref' on model 'stock.picking'",
    });
    const search = await client.failure('stock.picking', 'search', [
      [['carrier_tracking_ref', '=', 'TRK-1']],
    ]);
    expect(search).toMatchObject({
      name: 'builtins.ValueError',
      message:
        "Invalid field stock.picking.carrier_tracking_ref in leaf ('carrier_tracking_ref', '=', 'TRK-1')",
    });
  });

  it('answers button_validate with the confirm.stock.sms wizard and leaves the delivery open', async () => {
    const picking = await delivery(client, '+32 470 00 00 00');
    const action = await client.call<Record<string, unknown>>('stock.picking', 'button_validate', [
      [picking],
    ]);
    expect(action).toMatchObject({
      type: 'ir.actions.act_window',
      res_model: 'confirm.stock.sms',
      res_id: expect.any(Number) as unknown,
      target: 'new',
      context: expect.objectContaining({ button_validate_picking_ids: [picking] }) as unknown,
    });
    expect(await state(client, picking)).toBe('assigned');
    // skip_sms validates (and sends no SMS), as the adapter calls it
    expect(
      await client.call('stock.picking', 'button_validate', [[picking]], {
        context: { skip_sms: true },
      }),
    ).toBe(true);
    expect(await state(client, picking)).toBe('done');
  });

  it('asks no more once the wizard is answered (dont_send_sms turns the setting off)', async () => {
    const first = await delivery(client, '+32 470 00 00 01');
    const action = await client.call<{ res_id: number; context: Record<string, unknown> }>(
      'stock.picking',
      'button_validate',
      [[first]],
    );
    expect(
      await client.call('confirm.stock.sms', 'dont_send_sms', [[action.res_id]], {
        context: action.context,
      }),
    ).toBe(true);
    expect(await state(client, first)).toBe('done');
    const [company] = await client.call<Array<Record<string, unknown>>>('res.company', 'read', [
      [1],
      ['stock_move_sms_validation', 'has_received_warning_stock_sms'],
    ]);
    expect(company).toMatchObject({
      stock_move_sms_validation: false,
      has_received_warning_stock_sms: true,
    });
    const second = await delivery(client, '+32 470 00 00 02');
    expect(await client.call('stock.picking', 'button_validate', [[second]])).toBe(true);
  });

  it('validates without asking for a partner without a phone', async () => {
    const picking = await delivery(client, false);
    expect(await client.call('stock.picking', 'button_validate', [[picking]])).toBe(true);
  });
});

describe('a database with stock_delivery and without stock_sms', () => {
  let sim: OdooSim;
  let client: SimClient;
  beforeAll(
    async () => ({ sim, client } = await startSim(17, ['sale_management', 'stock_delivery'])),
  );
  afterAll(() => sim.stop());

  it('tags deliveries with carrier_tracking_ref and validates without an SMS question', async () => {
    const picking = await delivery(client, '+32 470 00 00 03');
    await client.call('stock.picking', 'write', [[picking], { carrier_tracking_ref: 'TRK-9' }]);
    expect(await client.call('stock.picking', 'button_validate', [[picking]])).toBe(true);
    expect(
      await readOne(client, 'stock.picking', picking, ['state', 'carrier_tracking_ref']),
    ).toEqual({ id: picking, state: 'done', carrier_tracking_ref: 'TRK-9' });
    expect(
      await client.call('ir.module.module', 'search_count', [
        [
          ['name', 'in', ['stock_delivery', 'delivery', 'stock_sms']],
          ['state', '=', 'installed'],
        ],
      ]),
    ).toBe(2);
  });
});
