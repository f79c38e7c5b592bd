import type { OdooSim } from '../src/create-odoo-sim';
import { invoiceOrder, readOne } from './flow-helpers';
import { startSim, type SimClient } from './sim-client';

interface Amounts {
  amount_untaxed: number;
  amount_tax: number;
  amount_total: number;
}
const AMOUNTS = ['amount_untaxed', 'amount_tax', 'amount_total'];

async function shippedOrder(client: SimClient): Promise<number> {
  const so = await client.call<number>('sale.order', 'create', [
    {
      partner_id: 7,
      order_line: [
        [0, 0, { product_id: 1, product_uom_qty: 4, price_unit: 12.5 }],
        [0, 0, { product_id: 2, product_uom_qty: 2, price_unit: 7.25 }],
      ],
    },
  ]);
  await client.call('sale.order', 'action_confirm', [[so]]);
  const { picking_ids } = await readOne<{ picking_ids: number[] }>(client, 'sale.order', so, [
    'picking_ids',
  ]);
  await client.call('stock.picking', 'button_validate', [picking_ids]);
  return so;
}

describe('the default sale tax (saleTaxPercent)', () => {
  let sim: OdooSim;
  let client: SimClient;
  let untaxedSim: OdooSim;
  let untaxed: SimClient;
  beforeAll(async () => {
    ({ sim, client } = await startSim(17, undefined, { saleTaxPercent: 15 }));
    ({ sim: untaxedSim, client: untaxed } = await startSim(17));
  });
  afterAll(async () => {
    await sim.stop();
    await untaxedSim.stop();
  });

  it('puts the company tax on new products, order lines and invoice lines, rounded per line', async () => {
    const product = await client.call<number>('product.product', 'create', [{ name: 'Taxed' }]);
    const { taxes_id } = await readOne<{ taxes_id: number[] }>(client, 'product.product', product, [
      'taxes_id',
    ]);
    expect(taxes_id).toHaveLength(1);
    const so = await shippedOrder(client);
    // 50 → 7.50 and 14.50 → 2.175, rounded half up to 2.18 (as the real 17 did: 9.68)
    expect(await readOne<Amounts>(client, 'sale.order', so, AMOUNTS)).toMatchObject({
      amount_untaxed: 64.5,
      amount_tax: 9.68,
      amount_total: 74.18,
    });
    const [invoice] = await invoiceOrder(client, so);
    const move = await readOne<Amounts & { invoice_line_ids: number[] }>(
      client,
      'account.move',
      invoice!,
      [...AMOUNTS, 'invoice_line_ids'],
    );
    expect(move).toMatchObject({ amount_untaxed: 64.5, amount_tax: 9.68, amount_total: 74.18 });
    const lines = await client.call<Array<{ tax_ids: number[] }>>('account.move.line', 'read', [
      move.invoice_line_ids,
      ['tax_ids'],
    ]);
    expect(lines.map((l) => l.tax_ids)).toEqual([taxes_id, taxes_id]);
  });

  it('puts no tax anywhere by default', async () => {
    const so = await shippedOrder(untaxed);
    const [invoice] = await invoiceOrder(untaxed, so);
    expect(await readOne<Amounts>(untaxed, 'account.move', invoice!, AMOUNTS)).toEqual({
      id: invoice,
      amount_untaxed: 64.5,
      amount_tax: 0,
      amount_total: 64.5,
    });
    expect(
      await readOne<{ taxes_id: number[] }>(untaxed, 'product.product', 1, ['taxes_id']),
    ).toEqual({ id: 1, taxes_id: [] });
  });
});
