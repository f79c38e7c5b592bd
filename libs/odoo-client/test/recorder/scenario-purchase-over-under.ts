import { kw } from './kw';
import { RECEIPT_FIELDS, linesOf } from './scenario-purchase';
import type { WireRecorder } from './wire-recorder';

const PLANNED = '2026-12-10 08:00:00';
const MOVE_FIELDS = ['product_uom_qty', 'quantity', 'state', 'purchase_line_id'];
const BILL_LINE_FIELDS = ['quantity', 'price_unit', 'purchase_line_id'];

const billLines = (bill: string) =>
  kw(
    'account.move.line',
    'search_read',
    [
      [
        ['move_id', '=', bill],
        ['display_type', '=', 'product'],
      ],
    ],
    { fields: BILL_LINE_FIELDS, order: 'id asc' },
  );

/** The first order's backorder received in full, then a second bill for it. */
export async function recordPurchaseSecondReceipt(rec: WireRecorder) {
  await rec.rpc(
    'second.backorder-move-ids',
    kw('stock.move', 'search', [[['picking_id', '=', '$backorderReceipt']]], { order: 'id asc' }),
    { bind: { bmove1: 'result.0', bmove2: 'result.1', bmove3: 'result.2' } },
  );
  await rec.rpc(
    'second.backorder-picked',
    kw('stock.move', 'write', [['$bmove1', '$bmove2', '$bmove3'], { picked: true }]),
    { note: 'quantity already equals the demand on an incoming move' },
  );
  await rec.rpc(
    'second.validate',
    kw('stock.picking', 'button_validate', [['$backorderReceipt']], { context: {} }),
  );
  await rec.rpc('second.lines-received', linesOf(), {
    note: 'line 2 (lowered to 4 by a product_qty write alone) is now received 6: the receipt kept its 6',
  });
  await rec.rpc('second.bill', kw('purchase.order', 'action_create_invoice', [['$po']]), {
    bind: { bill2: 'result.res_id' },
  });
  await rec.rpc('second.bill-lines', billLines('$bill2'));
}

/** A receipt over on one line and under on the other, closed without a backorder, then billed. */
export async function recordPurchaseOverUnder(rec: WireRecorder) {
  const line = (product: string, qty: number, price: number) => [
    0,
    0,
    { product_id: product, product_qty: qty, price_unit: price, date_planned: PLANNED },
  ];
  await rec.rpc(
    'over.create',
    kw('purchase.order', 'create', [
      {
        partner_id: '$supplier',
        origin: '$overPurchaseId',
        picking_type_id: '$inType',
        date_planned: PLANNED,
        currency_id: '$currency',
        order_line: [line('$productP1', 5, 4.5), line('$productP2', 6, 12)],
      },
    ]),
    { bind: { po4: 'result' } },
  );
  await rec.rpc('over.name', kw('purchase.order', 'read', [['$po4'], ['name']]), {
    bind: { po4Name: 'result.0.name' },
  });
  await rec.rpc('over.confirm', kw('purchase.order', 'button_confirm', [['$po4']]));
  await rec.rpc(
    'over.receipt-search',
    kw('stock.picking', 'search', [
      [
        ['purchase_id', '=', '$po4'],
        ['picking_type_code', '=', 'incoming'],
      ],
    ]),
    { bind: { receipt4: 'result.0' } },
  );
  await rec.rpc(
    'over.move-ids',
    kw('stock.move', 'search', [[['picking_id', '=', '$receipt4']]], { order: 'id asc' }),
    { bind: { omove1: 'result.0', omove2: 'result.1' } },
  );
  await rec.rpc(
    'over.move-over',
    kw('stock.move', 'write', [['$omove1'], { quantity: 7, picked: true }]),
    { note: '7 received of 5 ordered' },
  );
  await rec.rpc(
    'over.move-under',
    kw('stock.move', 'write', [['$omove2'], { quantity: 2, picked: true }]),
    { note: '2 received of 6 ordered, the rest will not come' },
  );
  await rec.rpc(
    'over.validate-backorder-wizard',
    kw('stock.picking', 'button_validate', [['$receipt4']], { context: {} }),
    { bind: { overContext: 'result.context' } },
  );
  await rec.rpc(
    'over.wizard-create',
    kw('stock.backorder.confirmation', 'create', [{}], { context: '$overContext' }),
    { bind: { overWizard: 'result' } },
  );
  await rec.rpc(
    'over.process-cancel-backorder',
    kw('stock.backorder.confirmation', 'process_cancel_backorder', [['$overWizard']], {
      context: '$overContext',
    }),
  );
  await rec.rpc(
    'over.pickings',
    kw('stock.picking', 'search_read', [[['purchase_id', '=', '$po4']]], {
      fields: RECEIPT_FIELDS,
      order: 'id asc',
    }),
  );
  await rec.rpc(
    'over.moves',
    kw('stock.move', 'search_read', [[['picking_id', '=', '$receipt4']]], {
      fields: MOVE_FIELDS,
      order: 'id asc',
    }),
  );
  await rec.rpc(
    'over.lines',
    kw('purchase.order.line', 'search_read', [[['order_id', '=', '$po4']]], {
      fields: ['product_qty', 'qty_received', 'qty_invoiced', 'qty_to_invoice'],
      order: 'id asc',
    }),
  );
  await rec.rpc(
    'over.order',
    kw('purchase.order', 'read', [['$po4'], ['state', 'receipt_status', 'invoice_status']]),
  );
  await rec.rpc('over.bill', kw('purchase.order', 'action_create_invoice', [['$po4']]), {
    bind: { bill4: 'result.res_id' },
  });
  await rec.rpc('over.bill-lines', billLines('$bill4'));
}
