import type { OdooSim } from '../src/create-odoo-sim';
import { quantity, readOne, runWizard, type ActionDict } from './flow-helpers';
import { startSim, type SimClient } from './sim-client';

const CHAIR = 1;
const DESK = 2;
const WH2_STOCK = 11;
const USER_ERROR = 'odoo.exceptions.UserError';

type Row = Record<string, unknown> & { id: number };

describe('purchase → receipt → backorder → quants → vendor bill (Odoo 17)', () => {
  let sim: OdooSim;
  let client: SimClient;
  let supplier: number;
  let incomingWh2: number;
  let outgoingWh2: number;
  beforeAll(async () => {
    ({ sim, client } = await startSim(17));
    await client.control('POST', 'clock', { freeze: '2026-12-04 10:00:00' });
    const [partner] = await client.call<Row[]>(
      'res.partner',
      'search_read',
      [[['ref', '=', 'SUP-001']]],
      { fields: ['supplier_rank', 'is_company'] },
    );
    expect(partner).toMatchObject({ supplier_rank: 1, is_company: true });
    supplier = partner!.id;
    const [wh2] = await client.call<number[]>('stock.warehouse', 'search', [
      [['code', '=', 'WH2']],
    ]);
    const [type] = await client.call<Row[]>(
      'stock.picking.type',
      'search_read',
      [
        [
          ['code', '=', 'incoming'],
          ['warehouse_id', '=', wh2],
        ],
      ],
      { fields: ['default_location_dest_id'] },
    );
    expect(type?.default_location_dest_id).toEqual([WH2_STOCK, 'WH2/Stock']);
    incomingWh2 = type!.id;
    outgoingWh2 = (
      await client.call<number[]>('stock.picking.type', 'search', [
        [
          ['code', '=', 'outgoing'],
          ['warehouse_id', '=', wh2],
        ],
      ])
    )[0]!;
  });
  afterAll(() => sim.stop());

  const createOrder = (origin: string, lines: [number, number, number][]) =>
    client.call<number>('purchase.order', 'create', [
      {
        partner_id: supplier,
        origin,
        picking_type_id: incomingWh2,
        date_planned: '2026-12-10 08:00:00',
        currency_id: 1,
        order_line: lines.map(([product, qty, price], i) => [
          0,
          0,
          {
            product_id: product,
            product_qty: qty,
            product_uom: 1,
            price_unit: price,
            date_planned: '2026-12-10 08:00:00',
            name: `line ${i + 1}`,
          },
        ]),
      },
    ]);

  const receiptMoves = (pickingId: number) =>
    client.call<Row[]>('stock.move', 'search_read', [[['picking_id', '=', pickingId]]], {
      fields: [
        'product_id',
        'product_uom_qty',
        'quantity',
        'state',
        'purchase_line_id',
        'date',
        'date_deadline',
      ],
    });

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

    // a delivery from WH2 waits for desks (none in stock there)
    const waiting = await client.call<number>('stock.picking', 'create', [
      {
        picking_type_id: outgoingWh2,
        partner_id: 5,
        move_ids: [[0, 0, { product_id: DESK, product_uom_qty: 3, product_uom: 1 }]],
      },
    ]);
    await client.call('stock.picking', 'action_confirm', [[waiting]]);
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
      partner_id: [supplier, 'Gemini Furniture'],
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
    await client.call('account.move', 'action_post', [[billId]]);
    expect(await readOne(client, 'account.move', billId, ['state', 'name'])).toMatchObject({
      state: 'posted',
      name: 'BILL/2026/12/0001',
    });

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
});
