import type { OdooSim } from '../src/create-odoo-sim';
import { readOne } from './flow-helpers';
import { startSim, type SimClient } from './sim-client';

/** Behaviours observed on a real Odoo 17 next to the simulator (reference note, 2026-12-02). */
describe('Odoo 17 as observed on a real server', () => {
  let sim: OdooSim;
  let client: SimClient;
  beforeAll(async () => ({ sim, client } = await startSim(17)));
  afterAll(() => sim.stop());

  const confirmedOrder = async (lines: Array<[number, number]>) => {
    const so = await client.call<number>('sale.order', 'create', [
      {
        partner_id: 7,
        order_line: lines.map(([product_id, product_uom_qty]) => [
          0,
          0,
          { product_id, product_uom_qty },
        ]),
      },
    ]);
    await client.call('sale.order', 'action_confirm', [[so]]);
    return so;
  };
  const post = (path: string, params: unknown, headers: Record<string, string> = {}) =>
    fetch(`${client.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'call', id: 1, params }),
    });

  it('keeps the demand on a last shipment done short, cancels the untouched move, adds none', async () => {
    const so = await confirmedOrder([
      [1, 5],
      [4, 2],
    ]);
    const { picking_ids } = await readOne<{ picking_ids: number[] }>(client, 'sale.order', so, [
      'picking_ids',
    ]);
    const moves = () =>
      client.call<Array<Record<string, unknown>>>(
        'stock.move',
        'search_read',
        [[['picking_id', 'in', picking_ids]]],
        { fields: ['product_uom_qty', 'quantity', 'state'], order: 'id asc' },
      );
    const [chairs, other] = await moves();
    await client.call('stock.move', 'write', [[chairs!.id], { quantity: 3, picked: true }]);
    const ctx = { skip_backorder: true, picking_ids_not_to_backorder: picking_ids };
    expect(
      await client.call('stock.picking', 'button_validate', [picking_ids], { context: ctx }),
    ).toBe(true);
    expect(await moves()).toEqual([
      { id: chairs!.id, product_uom_qty: 5, quantity: 3, state: 'done' },
      { id: other!.id, product_uom_qty: 2, quantity: 0, state: 'cancel' },
    ]);
    const lines = await client.call<Array<{ qty_delivered: number }>>(
      'sale.order.line',
      'search_read',
      [[['order_id', '=', so]]],
      { fields: ['qty_delivered'], order: 'id asc' },
    );
    expect(lines.map((l) => l.qty_delivered)).toEqual([3, 0]);

    // and the invoicing wizard answers the invoice's window action
    const context = { active_model: 'sale.order', active_ids: [so], active_id: so };
    const wizard = await client.call<number>('sale.advance.payment.inv', 'create', [{}], {
      context,
    });
    const action = await client.call<Record<string, unknown>>(
      'sale.advance.payment.inv',
      'create_invoices',
      [[wizard]],
      { context },
    );
    const { invoice_ids } = await readOne<{ invoice_ids: number[] }>(client, 'sale.order', so, [
      'invoice_ids',
    ]);
    expect(action).toMatchObject({
      type: 'ir.actions.act_window',
      res_model: 'account.move',
      res_id: invoice_ids[0],
    });
  });

  it('moves the untouched moves themselves into a backorder and splits the partly shipped one', async () => {
    const so = await confirmedOrder([
      [1, 5],
      [4, 2],
    ]);
    const [picking] = (
      await readOne<{ picking_ids: number[] }>(client, 'sale.order', so, ['picking_ids'])
    ).picking_ids;
    const [chairs, coffee] = await client.call<Array<{ id: number }>>(
      'stock.move',
      'search_read',
      [[['picking_id', '=', picking]]],
      { fields: ['id'], order: 'id asc' },
    );
    await client.call('stock.move', 'write', [[chairs!.id], { quantity: 3, picked: true }]);
    await client.call('stock.move', 'write', [[coffee!.id], { quantity: 0, picked: false }]);
    await client.call('stock.picking', 'button_validate', [[picking]], {
      context: { skip_backorder: true },
    });
    const backorder = await client.call<Array<Record<string, unknown>>>(
      'stock.move',
      'search_read',
      [[['picking_id.backorder_id', '=', picking]]],
      { fields: ['product_uom_qty', 'quantity', 'state'], order: 'id asc' },
    );
    expect(backorder).toEqual([
      { id: coffee!.id, product_uom_qty: 2, quantity: 2, state: 'assigned' },
      { id: expect.any(Number) as number, product_uom_qty: 2, quantity: 2, state: 'assigned' },
    ]);
  });

  it('answers action_lock / action_unlock without a result (None)', async () => {
    const so = await confirmedOrder([[1, 1]]);
    for (const method of ['action_lock', 'action_unlock']) {
      const { body } = await client.executeRaw('sale.order', method, [[so]]);
      expect(body).not.toHaveProperty('result');
      expect(body).not.toHaveProperty('error');
    }
  });

  it('names a missing method the way 17 does', async () => {
    expect(await client.failure('sale.order', 'action_nope', [[1]])).toMatchObject({
      name: 'builtins.AttributeError',
      message: "The method 'action_nope' does not exist on the model 'sale.order'",
    });
  });

  it('answers db.list, the web client version_info and a session login used by odoorpc', async () => {
    const { body } = await client.rpc({ service: 'db', method: 'list', args: [] });
    expect(body.result).toEqual(['o2c']);

    const version = await post('/web/webclient/version_info', {});
    expect(version.status).toBe(200);
    expect(((await version.json()) as { result: unknown }).result).toMatchObject({
      server_version_info: [17, 0, 0, 'final', 0, ''],
    });

    const bad = await post('/web/session/authenticate', {
      db: 'o2c',
      login: 'admin',
      password: 'wrong',
    });
    expect(((await bad.json()) as { error: { data: { name: string } } }).error.data.name).toBe(
      'odoo.exceptions.AccessDenied',
    );
    const login = await post('/web/session/authenticate', {
      db: 'o2c',
      login: 'admin',
      password: 'admin',
    });
    expect(((await login.json()) as { result: { uid: number } }).result.uid).toBe(2);
    const session = /session_id=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
    expect(session).toBeDefined();
    const params = { model: 'res.partner', method: 'search_count', args: [[]], kwargs: {} };
    const count = await post('/web/dataset/call_kw/res.partner/search_count', params, {
      Cookie: `session_id=${session}`,
    });
    expect(((await count.json()) as { result: number }).result).toBeGreaterThan(0);
    const expired = await post('/web/dataset/call_kw', params);
    expect(((await expired.json()) as { error: { code: number } }).error.code).toBe(100);
  });

  it('closes the connection after every answer, as its werkzeug server does', async () => {
    const answer = await post('/jsonrpc', { service: 'common', method: 'version', args: [] });
    expect(answer.headers.get('connection')).toBe('close');
    await answer.body?.cancel();
  });
});
