import type { OdooSim } from '../src/create-odoo-sim';
import { invoiceOrder, quantity, readOne, runWizard, type ActionDict } from './flow-helpers';
import { startSim, type SimClient } from './sim-client';

const CHAIR = 1;
const WH_STOCK = 8;
const SHELF = 9;

describe('sale → picking → backorder → quants → invoice → post (Odoo 17)', () => {
  let sim: OdooSim;
  let client: SimClient;
  beforeAll(async () => ({ sim, client } = await startSim(17)));
  afterAll(() => sim.stop());

  it('runs the whole order-to-cash flow', async () => {
    await client.control('POST', 'clock', { freeze: '2025-03-04 10:00:00' });
    const so = await client.call<number>('sale.order', 'create', [
      {
        partner_id: 5,
        client_order_ref: 'SHOP-1001',
        order_line: [[0, 0, { product_id: CHAIR, product_uom_qty: 70 }]],
      },
    ]);
    expect(
      await client.call('sale.order', 'search', [[['client_order_ref', '=', 'SHOP-1001']]]),
    ).toEqual([so]);
    expect(await client.call('sale.order', 'action_confirm', [[so]])).toBe(true);
    const order = await readOne<{
      name: string;
      state: string;
      locked: boolean;
      picking_ids: number[];
    }>(client, 'sale.order', so, ['name', 'state', 'locked', 'picking_ids']);
    expect(order).toMatchObject({ state: 'sale', locked: false });
    const [pickingId] = order.picking_ids as [number];
    const picking = await readOne(client, 'stock.picking', pickingId, [
      'name',
      'origin',
      'sale_id',
      'state',
      'picking_type_code',
      'move_ids',
    ]);
    expect(picking).toMatchObject({
      name: 'WH/OUT/00001',
      origin: order.name,
      sale_id: [so, order.name],
      state: 'assigned',
      picking_type_code: 'outgoing',
    });
    const [move] = await client.call<{ quantity: number; picked: boolean; state: string }[]>(
      'stock.move',
      'read',
      [picking.move_ids, ['quantity', 'picked', 'state', 'product_uom_qty']],
    );
    expect(move).toMatchObject({ quantity: 60, picked: false, state: 'partially_available' });

    const action = await client.call<ActionDict>('stock.picking', 'button_validate', [[pickingId]]);
    expect(action).toMatchObject({
      type: 'ir.actions.act_window',
      res_model: 'stock.backorder.confirmation',
      target: 'new',
    });
    expect(await runWizard(client, action, 'process')).toBe(true);

    expect(await readOne(client, 'stock.picking', pickingId, ['state'])).toMatchObject({
      state: 'done',
    });
    const [backorder] = await client.call<
      { id: number; state: string; backorder_id: [number, string]; origin: string }[]
    >('stock.picking', 'search_read', [[['backorder_id', '=', pickingId]]], {
      fields: ['state', 'backorder_id', 'origin'],
    });
    expect(backorder).toMatchObject({
      state: 'confirmed',
      backorder_id: [pickingId, 'WH/OUT/00001'],
      origin: order.name,
    });
    expect(await quantity(client, CHAIR, WH_STOCK)).toBe(0);
    expect(await quantity(client, CHAIR, SHELF)).toBe(0);
    const line = await client.call<{ qty_delivered: number; qty_to_invoice: number }[]>(
      'sale.order.line',
      'search_read',
      [[['order_id', '=', so]]],
      { fields: ['qty_delivered', 'qty_to_invoice'] },
    );
    expect(line).toEqual([
      { id: expect.any(Number) as number, qty_delivered: 60, qty_to_invoice: 60 },
    ]);
    expect(
      await readOne(client, 'sale.order', so, ['delivery_status', 'invoice_status']),
    ).toMatchObject({ delivery_status: 'partial', invoice_status: 'to invoice' });

    const [invoiceId] = (await invoiceOrder(client, so)) as [number];
    const draft = await readOne(client, 'account.move', invoiceId, [
      'name',
      'state',
      'move_type',
      'invoice_origin',
      'amount_total',
      'payment_state',
    ]);
    expect(draft).toMatchObject({
      name: '/',
      state: 'draft',
      move_type: 'out_invoice',
      invoice_origin: order.name,
      amount_total: 7200,
      payment_state: 'not_paid',
    });
    const posted = await client.executeRaw('account.move', 'action_post', [[invoiceId]]);
    expect(posted.body.result).toBe(false);
    expect(
      await readOne(client, 'account.move', invoiceId, ['name', 'state', 'invoice_date']),
    ).toMatchObject({ name: 'INV/2025/00001', state: 'posted', invoice_date: '2025-03-04' });
    expect(
      await client.failure('sale.advance.payment.inv', 'create_invoices', [
        [
          await client.call<number>('sale.advance.payment.inv', 'create', [{}], {
            context: { active_model: 'sale.order', active_ids: [so] },
          }),
        ],
      ]),
    ).toMatchObject({ name: 'odoo.exceptions.UserError' });

    const partial = await client.control<{ payment_state: string }>('POST', 'payments', {
      invoiceId,
      amount: 1000,
    });
    expect(partial.payment_state).toBe('partial');
    const paid = await client.control<{ payment_state: string; amount_residual: number }>(
      'POST',
      'payments',
      { invoiceId, amount: 6200 },
    );
    expect(paid).toMatchObject({ payment_state: 'paid', amount_residual: 0 });
    expect(await readOne(client, 'sale.order', so, ['invoice_status'])).toMatchObject({
      invoice_status: 'no',
    });

    const po = await client.call<number>('purchase.order', 'create', [
      {
        partner_id: 9,
        order_line: [[0, 0, { product_id: CHAIR, product_qty: 10, price_unit: 55 }]],
      },
    ]);
    expect(await client.call('purchase.order', 'button_confirm', [[po]])).toBe(true);
    const { picking_ids: receipts } = await readOne<{ picking_ids: number[] }>(
      client,
      'purchase.order',
      po,
      ['picking_ids'],
    );
    expect(
      await readOne(client, 'stock.picking', receipts[0] as number, ['picking_type_code', 'state']),
    ).toMatchObject({ picking_type_code: 'incoming', state: 'assigned' });
    expect(await client.call('stock.picking', 'button_validate', [receipts])).toBe(true);
    expect(await quantity(client, CHAIR, WH_STOCK)).toBe(10);
    expect(await client.call('stock.picking', 'action_assign', [[backorder!.id]])).toBe(true);
    expect(await readOne(client, 'stock.picking', backorder!.id, ['state'])).toMatchObject({
      state: 'assigned',
    });
    const [quant] = await client.call<
      { quantity: number; reserved_quantity: number; available_quantity: number }[]
    >(
      'stock.quant',
      'search_read',
      [
        [
          ['product_id', '=', CHAIR],
          ['location_id', '=', WH_STOCK],
        ],
      ],
      { fields: ['quantity', 'reserved_quantity', 'available_quantity'] },
    );
    expect(quant).toMatchObject({ quantity: 10, reserved_quantity: 10, available_quantity: 0 });
  });

  it('cancels the remainder with picking_ids_not_to_backorder and skip_backorder', async () => {
    const so = await client.call<number>('sale.order', 'create', [
      { partner_id: 7, order_line: [[0, 0, { product_id: 4, product_uom_qty: 10 }]] },
    ]);
    await client.call('sale.order', 'action_confirm', [[so]]);
    const { picking_ids } = await readOne<{ picking_ids: number[] }>(client, 'sale.order', so, [
      'picking_ids',
    ]);
    const [moveId] = await client.call<number[]>('stock.move', 'search', [
      [['picking_id', 'in', picking_ids]],
    ]);
    await client.call('stock.move', 'write', [[moveId], { quantity: 4, picked: true }]);
    const ctx = { skip_backorder: true, picking_ids_not_to_backorder: picking_ids };
    expect(
      await client.call('stock.picking', 'button_validate', [picking_ids], { context: ctx }),
    ).toBe(true);
    expect(
      await client.call('stock.picking', 'search_count', [[['backorder_id', 'in', picking_ids]]]),
    ).toBe(0);
    expect(await quantity(client, 4, WH_STOCK)).toBe(21.5);
    expect(await readOne(client, 'sale.order', so, ['delivery_status'])).toMatchObject({
      delivery_status: 'full',
    });
  });

  it('refuses to validate when nothing is reserved nor done', async () => {
    const so = await client.call<number>('sale.order', 'create', [
      { partner_id: 7, order_line: [[0, 0, { product_id: 2, product_uom_qty: 99 }]] },
    ]);
    await client.call('sale.order', 'action_confirm', [[so]]);
    const desk = await client.call<number>('sale.order', 'create', [
      { partner_id: 8, order_line: [[0, 0, { product_id: 2, product_uom_qty: 1 }]] },
    ]);
    await client.call('sale.order', 'action_confirm', [[desk]]);
    const { picking_ids } = await readOne<{ picking_ids: number[] }>(client, 'sale.order', desk, [
      'picking_ids',
    ]);
    expect((await client.failure('stock.picking', 'button_validate', [picking_ids]))?.name).toBe(
      'odoo.exceptions.UserError',
    );
  });
});

describe('the 16 path: immediate transfer wizard and quantity_done', () => {
  let sim: OdooSim;
  let client: SimClient;
  beforeAll(async () => ({ sim, client } = await startSim(16)));
  afterAll(() => sim.stop());

  it('validates a fully reserved delivery through stock.immediate.transfer', async () => {
    const so = await client.call<number>('sale.order', 'create', [
      { partner_id: 5, order_line: [[0, 0, { product_id: 2, product_uom_qty: 5 }]] },
    ]);
    await client.call('sale.order', 'action_confirm', [[so]]);
    const { picking_ids } = await readOne<{ picking_ids: number[] }>(client, 'sale.order', so, [
      'picking_ids',
    ]);
    const [move] = await client.call<Record<string, unknown>[]>(
      'stock.move',
      'search_read',
      [[['picking_id', 'in', picking_ids]]],
      { fields: ['reserved_availability', 'quantity_done'] },
    );
    expect(move).toMatchObject({ reserved_availability: 5, quantity_done: 0 });
    const action = await client.call<ActionDict>('stock.picking', 'button_validate', [picking_ids]);
    expect(action.res_model).toBe('stock.immediate.transfer');
    expect(await runWizard(client, action, 'process')).toBe(true);
    expect(await quantity(client, 2, WH_STOCK)).toBe(0);
    expect(await readOne(client, 'sale.order', so, ['delivery_status'])).toMatchObject({
      delivery_status: 'full',
    });
  });

  it('creates a backorder from quantity_done and invoices the delivered part', async () => {
    const so = await client.call<number>('sale.order', 'create', [
      { partner_id: 5, order_line: [[0, 0, { product_id: CHAIR, product_uom_qty: 10 }]] },
    ]);
    await client.call('sale.order', 'action_confirm', [[so]]);
    const { picking_ids } = await readOne<{ picking_ids: number[] }>(client, 'sale.order', so, [
      'picking_ids',
    ]);
    const [moveId] = await client.call<number[]>('stock.move', 'search', [
      [['picking_id', 'in', picking_ids]],
    ]);
    await client.call('stock.move', 'write', [[moveId], { quantity_done: 4 }]);
    const action = await client.call<ActionDict>('stock.picking', 'button_validate', [picking_ids]);
    expect(action.res_model).toBe('stock.backorder.confirmation');
    expect(await runWizard(client, action, 'process')).toBe(true);
    const backorders = await client.call<{ state: string }[]>(
      'stock.picking',
      'search_read',
      [[['backorder_id', 'in', picking_ids]]],
      { fields: ['state'] },
    );
    expect(backorders).toEqual([{ id: expect.any(Number) as number, state: 'assigned' }]);
    expect((await quantity(client, CHAIR, WH_STOCK)) + (await quantity(client, CHAIR, SHELF))).toBe(
      56,
    );
    const [invoiceId] = (await invoiceOrder(client, so)) as [number];
    expect(await readOne(client, 'account.move', invoiceId, ['amount_total'])).toMatchObject({
      amount_total: 480,
    });
    expect(
      (await client.executeRaw('account.move', 'action_post', [[invoiceId]])).body.result,
    ).toBe(false);
  });

  it('has the SO done state, name_get and no locked field', async () => {
    const fields = await client.call<Record<string, { selection?: [string, string][] }>>(
      'sale.order',
      'fields_get',
      [],
      { attributes: ['type', 'selection'] },
    );
    expect(fields.state?.selection?.map(([k]) => k)).toContain('done');
    expect(fields.locked).toBeUndefined();
    expect(await client.call('res.partner', 'name_get', [[5]])).toEqual([[5, 'Deco Addict']]);
  });
});
