import type { OdooSim } from '../src/create-odoo-sim';
import { startSim, type SimClient } from './sim-client';

describe('order to cash over JSON-2 (Odoo 19)', () => {
  let sim: OdooSim;
  let client: SimClient;
  beforeAll(async () => ({ sim, client } = await startSim(19)));
  afterAll(() => sim.stop());

  const ok = async <T>(model: string, method: string, body: unknown): Promise<T> => {
    const res = await client.json2(model, method, body);
    if (res.status !== 200)
      throw new Error(`${model}.${method}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  it('confirms, delivers, invoices and posts with named parameters only', async () => {
    const [so] = await ok<number[]>('sale.order', 'create', {
      vals_list: [
        {
          partner_id: 5,
          client_order_ref: 'J2-1',
          order_line: [[0, 0, { product_id: 2, product_uom_qty: 2, product_uom_id: 1 }]],
        },
      ],
    });
    expect(await ok('sale.order', 'action_confirm', { ids: [so] })).toBe(true);
    const [order] = await ok<{ picking_ids: number[]; locked: boolean }[]>('sale.order', 'read', {
      ids: [so],
      fields: ['picking_ids', 'locked', 'state'],
    });
    expect(order).toMatchObject({ state: 'sale', locked: false });
    expect(
      await ok('stock.picking', 'button_validate', {
        ids: order!.picking_ids,
        context: { skip_backorder: true },
      }),
    ).toBe(true);
    const context = { active_model: 'sale.order', active_ids: [so] };
    const [wizard] = await ok<number[]>('sale.advance.payment.inv', 'create', {
      vals_list: [{ advance_payment_method: 'delivered' }],
      context,
    });
    await ok('sale.advance.payment.inv', 'create_invoices', { ids: [wizard], context });
    const [invoiceId] = await ok<number[]>('account.move', 'search', {
      domain: [['invoice_origin', '=', 'S00001']],
    });
    expect(await ok('account.move', 'action_post', { ids: [invoiceId] })).toBe(false);
    const [invoice] = await ok<Record<string, unknown>[]>('account.move', 'read', {
      ids: [invoiceId],
      fields: ['name', 'state', 'amount_total', 'partner_id'],
      load: null,
    });
    expect(invoice).toMatchObject({ state: 'posted', amount_total: 700, partner_id: 5 });
    expect(invoice!.name).toMatch(/^INV\/\d{4}\/00001$/);
  });
});
