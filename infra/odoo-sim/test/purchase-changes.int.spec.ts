import type { OdooSim } from '../src/create-odoo-sim';
import { quantity, readOne, runWizard, type ActionDict } from './flow-helpers';
import {
  CHAIR,
  createOrder as placeOrder,
  DESK,
  purchaseSetup,
  receiptMoves as movesOf,
  USER_ERROR,
  WH2_STOCK,
  type PurchaseSetup,
  type Row,
} from './purchase-helpers';
import { startSim, type SimClient } from './sim-client';

describe('purchase changes, cancellation, over-receipts and several bills (Odoo 17)', () => {
  let sim: OdooSim;
  let client: SimClient;
  let setup: PurchaseSetup;
  beforeAll(async () => {
    ({ sim, client } = await startSim(17));
    await client.control('POST', 'clock', { freeze: '2026-12-04 10:00:00' });
    setup = await purchaseSetup(client);
  });
  afterAll(() => sim.stop());

  const createOrder = (origin: string, lines: [number, number, number][]) =>
    placeOrder(client, setup, origin, lines);
  const receiptMoves = (pickingId: number) => movesOf(client, pickingId);

  it('cancels an order and its open receipt while nothing was received', async () => {
    const po = await createOrder('PUR-2', [[DESK, 5, 170]]);
    await client.call('purchase.order', 'button_confirm', [[po]]);
    const { picking_ids } = await readOne<{ picking_ids: number[] }>(client, 'purchase.order', po, [
      'picking_ids',
    ]);
    expect(await client.failure('purchase.order', 'action_create_invoice', [[po]])).toMatchObject({
      name: USER_ERROR,
    });
    const reply = await client.executeRaw('purchase.order', 'button_cancel', [[po]]);
    expect(reply.body.error).toBeUndefined();
    expect(reply.body.result ?? null).toBeNull();
    expect(await readOne(client, 'purchase.order', po, ['state', 'receipt_status'])).toMatchObject({
      state: 'cancel',
      receipt_status: false,
    });
    expect(await readOne(client, 'stock.picking', picking_ids[0]!, ['state'])).toMatchObject({
      state: 'cancel',
    });
  });

  it('moves an increase with no open receipt left to a new receipt', async () => {
    const po = await createOrder('PUR-3', [[CHAIR, 2, 55]]);
    await client.call('purchase.order', 'button_confirm', [[po]]);
    const [receipt] = (
      await readOne<{ picking_ids: number[] }>(client, 'purchase.order', po, ['picking_ids'])
    ).picking_ids as [number];
    expect(await client.call('stock.picking', 'button_validate', [[receipt]])).toBe(true);
    const [line] = (
      await readOne<{ order_line: number[] }>(client, 'purchase.order', po, ['order_line'])
    ).order_line as [number];
    await client.call('purchase.order.line', 'write', [[line], { product_qty: 5 }]);
    const pickings = await client.call<Row[]>(
      'stock.picking',
      'search_read',
      [[['purchase_id', '=', po]]],
      { fields: ['state', 'move_ids'], order: 'id' },
    );
    expect(pickings.map((p) => p.state)).toEqual(['done', 'assigned']);
    const [move] = await receiptMoves(pickings[1]!.id);
    expect(move).toMatchObject({ product_uom_qty: 3, purchase_line_id: [line, 'line 1'] });
  });

  it('merges a change into the receipt move when the write keeps the line date', async () => {
    const po = await createOrder('PUR-4', [
      [CHAIR, 10, 55],
      [DESK, 6, 170],
    ]);
    await client.call('purchase.order', 'button_confirm', [[po]]);
    const { order_line: lines, picking_ids: pickings } = await readOne<{
      order_line: [number, number];
      picking_ids: [number];
    }>(client, 'purchase.order', po, ['order_line', 'picking_ids']);
    const date = '2026-12-10 08:00:00';
    await client.call('purchase.order.line', 'write', [
      [lines[0]],
      { product_qty: 12, date_planned: date },
    ]);
    await client.call('purchase.order.line', 'write', [
      [lines[1]],
      { product_qty: 4, date_planned: date },
    ]);
    expect(
      (await receiptMoves(pickings[0])).map((m) => [m.product_uom_qty, m.quantity, m.state]),
    ).toEqual([
      [12, 12, 'assigned'],
      [4, 4, 'assigned'],
    ]);
    expect(await client.call('stock.picking', 'search_count', [[['purchase_id', '=', po]]])).toBe(
      1,
    );
    expect(
      await client.call('purchase.order.line', 'read', [lines, ['date_planned']]),
    ).toMatchObject([{ date_planned: date }, { date_planned: date }]);
  });

  it('takes an over-receipt at once and bills each receipt on its own bill', async () => {
    const po = await createOrder('PUR-5', [
      [CHAIR, 5, 55],
      [DESK, 6, 170],
    ]);
    await client.call('purchase.order', 'button_confirm', [[po]]);
    const { order_line: lines, picking_ids: pickings } = await readOne<{
      order_line: [number, number];
      picking_ids: [number];
    }>(client, 'purchase.order', po, ['order_line', 'picking_ids']);
    const [chairMove, deskMove] = await receiptMoves(pickings[0]);
    await client.call('stock.move', 'write', [[chairMove?.id], { quantity: 7, picked: true }]);
    await client.call('stock.move', 'write', [[deskMove?.id], { quantity: 2, picked: true }]);
    const action = await client.call<ActionDict>('stock.picking', 'button_validate', [pickings]);
    expect(await runWizard(client, action, 'process')).toBe(true);
    const done = await client.call<Row[]>('stock.move', 'read', [
      [chairMove?.id],
      ['product_uom_qty', 'quantity', 'state'],
    ]);
    expect(done[0]).toMatchObject({ product_uom_qty: 5, quantity: 7, state: 'done' });
    const first = await client.call<Row>('purchase.order', 'action_create_invoice', [[po]]);
    const [backorder] = await client.call<number[]>('stock.picking', 'search', [
      [['backorder_id', '=', pickings[0]]],
    ]);
    expect(await client.call('stock.picking', 'button_validate', [[backorder]])).toBe(true);
    const second = await client.call<Row>('purchase.order', 'action_create_invoice', [[po]]);
    expect(second.res_id).not.toBe(first.res_id);
    const billed = async (bill: unknown) =>
      (
        await client.call<Row[]>('account.move.line', 'search_read', [[['move_id', '=', bill]]], {
          fields: ['purchase_line_id', 'quantity'],
          order: 'id',
        })
      ).map((l) => [(l.purchase_line_id as [number])[0], l.quantity]);
    expect(await billed(first.res_id)).toEqual([
      [lines[0], 7],
      [lines[1], 2],
    ]);
    expect(await billed(second.res_id)).toEqual([[lines[1], 4]]);
    expect(
      await readOne(client, 'purchase.order', po, ['invoice_status', 'invoice_ids']),
    ).toMatchObject({ invoice_status: 'invoiced', invoice_ids: [first.res_id, second.res_id] });
  });

  it('sends a lowered quantity back without counting it as received', async () => {
    const po = await createOrder('PUR-6', [[CHAIR, 10, 55]]);
    await client.call('purchase.order', 'button_confirm', [[po]]);
    const [line] = (
      await readOne<{ order_line: number[] }>(client, 'purchase.order', po, ['order_line'])
    ).order_line as [number];
    await client.call('purchase.order.line', 'write', [[line], { product_qty: 6 }]);
    const [giveBack] = await client.call<number[]>('stock.picking', 'search', [
      [
        ['purchase_id', '=', po],
        ['picking_type_code', '=', 'outgoing'],
      ],
    ]);
    const before = await quantity(client, CHAIR, WH2_STOCK);
    expect(await client.call('stock.picking', 'button_validate', [[giveBack]])).toBe(true);
    expect(await quantity(client, CHAIR, WH2_STOCK)).toBe(before - 4);
    expect(await readOne(client, 'purchase.order.line', line, ['qty_received'])).toMatchObject({
      qty_received: 0,
    });
  });
});
