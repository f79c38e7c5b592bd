import type { OdooSim } from '../src/create-odoo-sim';
import { startSim, type SimClient } from './sim-client';

describe('ORM return shapes and x2many commands (Odoo 17)', () => {
  let sim: OdooSim;
  let client: SimClient;
  beforeAll(async () => ({ sim, client } = await startSim(17)));
  afterAll(() => sim.stop());

  it('create: dict → int, list → list of ids', async () => {
    expect(await client.call('res.partner', 'create', [{ name: 'One' }])).toEqual(
      expect.any(Number) as number,
    );
    const many = await client.call<number[]>('res.partner', 'create', [
      [{ name: 'Two' }, { name: 'Three' }],
    ]);
    expect(many).toHaveLength(2);
  });

  it('write → true, MissingError on deleted ids (unlink too, as on a real 17)', async () => {
    const id = await client.call<number>('res.partner', 'create', [{ name: 'Gone soon' }]);
    expect(await client.call('res.partner', 'unlink', [[id]])).toBe(true);
    expect((await client.failure('res.partner', 'unlink', [[id]]))?.name).toBe(
      'odoo.exceptions.MissingError',
    );
    const err = await client.failure('res.partner', 'write', [[id], { name: 'x' }]);
    expect(err).toMatchObject({
      name: 'odoo.exceptions.MissingError',
      message: `Record does not exist or has been deleted.\n(Record: res.partner(${id},), User: 2)`,
    });
    expect(await client.call('res.partner', 'read', [[id], ['name']])).toEqual([]);
  });

  it('reads many2one as [id, name], or a bare id with load: null, and false when empty', async () => {
    expect(await client.call('res.partner', 'read', [[6], ['parent_id']])).toEqual([
      { id: 6, parent_id: [5, 'Deco Addict'] },
    ]);
    expect(await client.call('res.partner', 'read', [[6], ['parent_id']], { load: null })).toEqual([
      { id: 6, parent_id: 5 },
    ]);
    expect(
      await client.call('res.partner', 'read', [
        [5],
        ['parent_id', 'ref', 'email', 'customer_rank', 'child_ids'],
      ]),
    ).toEqual([
      {
        id: 5,
        parent_id: false,
        ref: 'CUST-001',
        email: 'deco.addict@example.com',
        customer_rank: 1,
        child_ids: [6],
      },
    ]);
  });

  it('applies every x2many command on order lines', async () => {
    const so = await client.call<number>('sale.order', 'create', [
      {
        partner_id: 5,
        order_line: [
          [0, 0, { product_id: 1, product_uom_qty: 1 }],
          [0, 0, { product_id: 2, product_uom_qty: 2 }],
        ],
      },
    ]);
    const lines = async () =>
      (
        await client.call<{ order_line: number[] }[]>('sale.order', 'read', [[so], ['order_line']])
      )[0]?.order_line ?? [];
    const [a, b] = (await lines()) as [number, number];
    await client.call('sale.order', 'write', [
      [so],
      {
        order_line: [
          [1, a, { product_uom_qty: 5 }],
          [2, b, 0],
          [0, 0, { product_id: 3 }],
        ],
      },
    ]);
    const after = await lines();
    expect(after).toHaveLength(2);
    expect(after).not.toContain(b);
    expect(
      (
        await client.call<{ product_uom_qty: number }[]>('sale.order.line', 'read', [
          [a],
          ['product_uom_qty'],
        ])
      )[0]?.product_uom_qty,
    ).toBe(5);
    await client.call('sale.order', 'write', [[so], { order_line: [[5]] }]);
    expect(await lines()).toEqual([]);
  });

  it('applies many2many commands 3, 4 and 6', async () => {
    const wizard = await client.call<number>('sale.advance.payment.inv', 'create', [
      { sale_order_ids: [[6, 0, [1]]] },
    ]);
    const ids = async () =>
      (
        await client.call<{ sale_order_ids: number[] }[]>('sale.advance.payment.inv', 'read', [
          [wizard],
          ['sale_order_ids'],
        ])
      )[0]?.sale_order_ids;
    const other = await client.call<number>('sale.order', 'create', [{ partner_id: 7 }]);
    await client.call('sale.advance.payment.inv', 'write', [
      [wizard],
      { sale_order_ids: [[4, other, 0]] },
    ]);
    expect(await ids()).toEqual([1, other]);
    await client.call('sale.advance.payment.inv', 'write', [
      [wizard],
      { sale_order_ids: [[3, 1, 0]] },
    ]);
    expect(await ids()).toEqual([other]);
  });

  it('pops context out of kwargs and honours default_* keys', async () => {
    const id = await client.call<number>('res.partner', 'create', [{ name: 'Defaulted' }], {
      context: { default_ref: 'FROM-CTX' },
    });
    expect(await client.call('res.partner', 'read', [[id], ['ref']])).toEqual([
      { id, ref: 'FROM-CTX' },
    ]);
  });

  it('refuses to delete a record a required many2one points to (ondelete restrict)', async () => {
    const partner = await client.call<number>('res.partner', 'create', [{ name: 'Has orders' }]);
    await client.call('sale.order', 'create', [{ partner_id: partner }]);
    expect((await client.failure('res.partner', 'unlink', [[partner]]))?.name).toBe(
      'odoo.exceptions.ValidationError',
    );
    expect(await client.call('res.partner', 'search_count', [[['id', '=', partner]]])).toBe(1);
  });

  it('stores external ids in ir.model.data', async () => {
    await client.call('ir.model.data', 'create', [
      { module: 'o2c', name: 'order_shop_1001', model: 'res.partner', res_id: 5 },
    ]);
    const rows = await client.call(
      'ir.model.data',
      'search_read',
      [[['complete_name', '=', 'o2c.order_shop_1001']]],
      { fields: ['model', 'res_id'] },
    );
    expect(rows).toEqual([{ id: expect.any(Number) as number, model: 'res.partner', res_id: 5 }]);
  });

  it('registers a full payment as in_payment when asked', async () => {
    const move = await client.call<number>('account.move', 'create', [
      {
        move_type: 'out_invoice',
        partner_id: 5,
        invoice_line_ids: [[0, 0, { name: 'x', quantity: 1, price_unit: 10 }]],
      },
    ]);
    await client.call('account.move', 'action_post', [[move]]);
    const paid = await client.control<{ payment_state: string }>('POST', 'payments', {
      invoiceId: move,
      amount: 10,
      inPayment: true,
    });
    expect(paid.payment_state).toBe('in_payment');
  });

  it('answers a wrong Content-Type with a 400 HTML page (as a real 17 does)', async () => {
    const res = await fetch(`${client.url}/jsonrpc`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/^<!doctype html>.*Bad Request/s);
  });

  it('rejects a selection value that does not exist', async () => {
    expect(
      (await client.failure('res.partner', 'create', [{ name: 'x', type: 'alien' }]))?.name,
    ).toBe('builtins.ValueError');
  });
});
