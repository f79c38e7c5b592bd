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
  waitingDelivery,
} from './purchase-helpers';
import { startSim, type SimClient } from './sim-client';

describe('purchase → receipt → backorder → quants → vendor bill (Odoo 17)', () => {
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

  it('places, changes, receives partly, bills and posts', async () => {
    expect(
      await client.call('purchase.order', 'search_read', [[['origin', '=', 'PUR-1']]], {
        fields: ['name'],
      }),
    ).toEqual([]);
    const po = await createOrder('PUR-1', [
      [CHAIR, 40, 55],
      [DESK, 10, 170],
    ]);
    const draft = await readOne<Row>(client, 'purchase.order', po, [
      'name',
      'state',
      'order_line',
      'date_planned',
      'amount_total',
      'invoice_status',
      'receipt_status',
    ]);
    expect(draft).toMatchObject({
      name: 'P00001',
      state: 'draft',
      date_planned: '2026-12-10 08:00:00',
      amount_total: 3900,
      invoice_status: 'no',
      receipt_status: false,
    });
    const [chairLine, deskLine] = draft.order_line as [number, number];
    expect(chairLine).toBeLessThan(deskLine);
    expect(await client.call('purchase.order', 'button_confirm', [[po]])).toBe(true);
    const order = await readOne<Row>(client, 'purchase.order', po, ['state', 'picking_ids']);
    expect(order.state).toBe('purchase');
    const [receipt] = order.picking_ids as [number];
    expect(
      await readOne(client, 'stock.picking', receipt, [
        'name',
        'origin',
        'purchase_id',
        'state',
        'picking_type_code',
        'location_dest_id',
        'scheduled_date',
      ]),
    ).toMatchObject({
      name: 'WH2/IN/00001',
      origin: 'P00001',
      purchase_id: [po, 'P00001'],
      state: 'assigned',
      picking_type_code: 'incoming',
      location_dest_id: [WH2_STOCK, 'WH2/Stock'],
      scheduled_date: '2026-12-10 08:00:00',
    });
    const moves = await receiptMoves(receipt);
    expect(moves.map((m) => [m.purchase_line_id, m.product_uom_qty, m.quantity])).toEqual([
      [[chairLine, 'line 1'], 40, 40],
      [[deskLine, 'line 2'], 10, 10],
    ]);
    expect(moves[0]?.date).toBe('2026-12-10 08:00:00');

    const waiting = await waitingDelivery(client, setup, DESK, 3); // none in WH2 yet
    expect(await readOne(client, 'stock.picking', waiting, ['state'])).toMatchObject({
      state: 'confirmed',
    });
    // the supplier confirms 30 chairs and 12 desks under its own reference, then its date
    await client.call('purchase.order.line', 'write', [[chairLine], { product_qty: 30 }]);
    await client.call('purchase.order.line', 'write', [[deskLine], { product_qty: 12 }]);
    // observed on 17: a quantity write brings the line's date back to the order date
    expect(await readOne(client, 'purchase.order.line', deskLine, ['date_planned'])).toMatchObject({
      date_planned: '2026-12-04 10:00:00',
    });
    await client.call('purchase.order', 'write', [
      [po],
      { date_planned: '2026-12-12 08:00:00', partner_ref: 'SO-778' },
    ]);
    expect(
      await readOne(client, 'purchase.order', po, ['date_planned', 'partner_ref', 'display_name']),
    ).toMatchObject({
      date_planned: '2026-12-12 08:00:00',
      partner_ref: 'SO-778',
      display_name: 'P00001 (SO-778)',
    });
    // the order's date does not reach its lines; the lines' own date does reach the order
    await client.call('purchase.order.line', 'write', [
      [chairLine, deskLine],
      { date_planned: '2026-12-14 08:00:00' },
    ]);
    expect(await readOne(client, 'purchase.order', po, ['date_planned'])).toMatchObject({
      date_planned: '2026-12-14 08:00:00',
    });
    // the receipt is due when its earliest open move is (the raise's, dated like its line)
    expect(
      await readOne(client, 'stock.picking', receipt, ['scheduled_date', 'date_deadline']),
    ).toMatchObject({
      scheduled_date: '2026-12-04 10:00:00',
      date_deadline: '2026-12-14 08:00:00',
    });
    // a raise adds a move to the receipt; a decrease leaves the receipt and sends the rest back
    const changed = await receiptMoves(receipt);
    expect(
      changed.map((m) => [m.product_id, m.product_uom_qty, m.quantity, m.state, m.date_deadline]),
    ).toEqual([
      [[CHAIR, '[FURN-001] Office Chair'], 40, 40, 'assigned', '2026-12-14 08:00:00'],
      [[DESK, '[FURN-002] Office Desk'], 10, 10, 'assigned', '2026-12-14 08:00:00'],
      [[DESK, '[FURN-002] Office Desk'], 2, 2, 'assigned', '2026-12-14 08:00:00'],
    ]);
    const [giveBack] = await client.call<Row[]>(
      'stock.picking',
      'search_read',
      [
        [
          ['purchase_id', '=', po],
          ['picking_type_code', '=', 'outgoing'],
        ],
      ],
      { fields: ['name', 'state', 'origin', 'location_id', 'location_dest_id', 'move_ids'] },
    );
    expect(giveBack).toMatchObject({
      name: 'WH2/OUT/00002',
      state: 'assigned',
      origin: 'P00001',
      location_id: [WH2_STOCK, 'WH2/Stock'],
      location_dest_id: [3, 'Partners/Vendors'],
    });
    const [returned] = await client.call<Row[]>('stock.move', 'read', [
      giveBack!.move_ids,
      ['product_uom_qty', 'purchase_line_id'],
    ]);
    expect(returned).toMatchObject({
      product_uom_qty: 10,
      purchase_line_id: [chairLine, 'line 1'],
    });

    // the clerk receives 20 chairs and 10 desks, and keeps a backorder for the rest
    await client.call('stock.move', 'write', [[changed[0]?.id], { quantity: 20, picked: true }]);
    await client.call('stock.move', 'write', [[changed[1]?.id], { quantity: 10, picked: true }]);
    const action = await client.call<ActionDict>('stock.picking', 'button_validate', [[receipt]]);
    expect(action).toMatchObject({ res_model: 'stock.backorder.confirmation' });
    expect(await runWizard(client, action, 'process')).toBe(true);
    expect(await readOne(client, 'stock.picking', receipt, ['state'])).toMatchObject({
      state: 'done',
    });
    const [backorder] = await client.call<Row[]>(
      'stock.picking',
      'search_read',
      [[['backorder_id', '=', receipt]]],
      { fields: ['state', 'origin', 'purchase_id'] },
    );
    expect(backorder).toMatchObject({
      state: 'assigned',
      origin: 'P00001',
      purchase_id: [po, 'P00001 (SO-778)'],
    });
    expect(
      (await receiptMoves(backorder!.id)).map((m) => [m.product_id, m.product_uom_qty]),
    ).toEqual([
      [[DESK, '[FURN-002] Office Desk'], 2],
      [[CHAIR, '[FURN-001] Office Chair'], 20],
    ]);
    // the arrival reserves what waited for it
    expect(await readOne(client, 'stock.picking', waiting, ['state'])).toMatchObject({
      state: 'assigned',
    });
    expect(await quantity(client, CHAIR, WH2_STOCK)).toBe(40);
    expect(await quantity(client, DESK, WH2_STOCK)).toBe(10);
    const lines = await client.call<Row[]>('purchase.order.line', 'read', [
      [chairLine, deskLine],
      ['qty_received', 'qty_invoiced', 'qty_to_invoice'],
    ]);
    expect(lines.map((l) => [l.qty_received, l.qty_invoiced, l.qty_to_invoice])).toEqual([
      [20, 0, 20],
      [10, 0, 10],
    ]);
    expect(
      await readOne(client, 'purchase.order', po, ['receipt_status', 'invoice_status']),
    ).toMatchObject({ receipt_status: 'partial', invoice_status: 'to invoice' });

    // the refusals of a real Odoo
    expect(await client.failure('purchase.order', 'button_cancel', [[po]])).toMatchObject({
      name: USER_ERROR,
      message: 'Unable to cancel purchase order P00001 as some receptions have already been done.',
    });
    expect(
      await client.failure('purchase.order.line', 'write', [[chairLine], { product_qty: 10 }]),
    ).toMatchObject({
      name: USER_ERROR,
      message:
        'You cannot decrease the ordered quantity below the received quantity.\nCreate a return first.',
    });
    expect(await readOne(client, 'purchase.order.line', chairLine, ['product_qty'])).toMatchObject({
      product_qty: 30,
    });

    // the accountant bills what was received, corrects a price, and posts with the bill date
    const billAction = await client.call<Row>('purchase.order', 'action_create_invoice', [[po]]);
    expect(billAction).toMatchObject({ type: 'ir.actions.act_window', res_model: 'account.move' });
    const billId = billAction.res_id as number;
    const bill = await readOne<Row>(client, 'account.move', billId, [
      'move_type',
      'state',
      'invoice_origin',
      'partner_id',
      'ref',
      'amount_total',
      'invoice_line_ids',
    ]);
    expect(bill).toMatchObject({
      move_type: 'in_invoice',
      state: 'draft',
      invoice_origin: 'P00001',
      partner_id: [setup.supplier, 'Gemini Furniture'],
      ref: 'SO-778',
      amount_total: 20 * 55 + 10 * 170,
    });
    const billLines = await client.call<Row[]>('account.move.line', 'read', [
      bill.invoice_line_ids,
      ['purchase_line_id', 'product_id', 'quantity', 'price_unit'],
    ]);
    expect(
      billLines.map((l) => [(l.purchase_line_id as [number])[0], l.quantity, l.price_unit]),
    ).toEqual([
      [chairLine, 20, 55],
      [deskLine, 10, 170],
    ]);
    expect(
      await readOne(client, 'purchase.order', po, ['invoice_status', 'invoice_ids']),
    ).toMatchObject({ invoice_status: 'invoiced', invoice_ids: [billId] });
    await client.call('account.move.line', 'write', [[billLines[0]?.id], { price_unit: 56 }]);
    expect(await readOne(client, 'account.move', billId, ['amount_total'])).toMatchObject({
      amount_total: 20 * 56 + 10 * 170,
    });
    expect(await client.failure('purchase.order', 'action_create_invoice', [[po]])).toMatchObject({
      name: USER_ERROR,
      message: expect.stringContaining('There is no invoiceable line.') as unknown,
    });
    expect(await client.failure('account.move', 'action_post', [[billId]])).toMatchObject({
      name: USER_ERROR,
      message: 'The Bill/Refund date is required to validate this document.',
    });
    await client.call('account.move', 'write', [[billId], { invoice_date: '2026-12-04' }]);
    expect(await client.call('account.move', 'action_post', [[billId]])).toBe(false);
    expect(await readOne(client, 'account.move', billId, ['state', 'name'])).toMatchObject({
      state: 'posted',
      name: 'BILL/2026/12/0001',
    });
    const rank = await readOne(client, 'res.partner', setup.supplier, ['supplier_rank']);
    expect(rank).toMatchObject({ supplier_rank: 2 }); // a posted bill raises it
    // the rest never comes: the backorder is closed without a new one
    const rest = await receiptMoves(backorder!.id);
    await client.call('stock.move', 'write', [[rest[1]?.id], { quantity: 4, picked: true }]);
    const last = await client.call<ActionDict>('stock.picking', 'button_validate', [
      [backorder!.id],
    ]);
    expect(await runWizard(client, last, 'process_cancel_backorder')).toBe(true);
    expect(await client.call('stock.picking', 'search_count', [[['purchase_id', '=', po]]])).toBe(
      3,
    );
    expect(await readOne(client, 'purchase.order.line', chairLine, ['qty_received'])).toMatchObject(
      { qty_received: 24 },
    );
    // the open return keeps the order "partially received" until it is cancelled
    expect(await readOne(client, 'purchase.order', po, ['receipt_status'])).toMatchObject({
      receipt_status: 'partial',
    });
    await client.call('stock.picking', 'action_cancel', [[giveBack!.id]]);
    expect(
      await readOne(client, 'purchase.order', po, ['receipt_status', 'invoice_status']),
    ).toMatchObject({ receipt_status: 'full', invoice_status: 'to invoice' });
  });
});
