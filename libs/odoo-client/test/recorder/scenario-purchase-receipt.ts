import { kw } from './kw';
import { PO_FIELDS, RECEIPT_FIELDS, RECEIPT_MOVE_FIELDS, linesOf } from './scenario-purchase';
import type { WireRecorder } from './wire-recorder';

const BILL_FIELDS = [
  'name',
  'state',
  'move_type',
  'invoice_origin',
  'partner_id',
  'invoice_date',
  'ref',
  'currency_id',
  'amount_untaxed',
  'amount_total',
  'invoice_line_ids',
];
const BILL_LINE_FIELDS = [
  'product_id',
  'quantity',
  'price_unit',
  'product_uom_id',
  'purchase_line_id',
  'display_type',
];

/** A partial receipt through the backorder wizard, the receipt feed's reads, a cancel refused. */
export async function recordPurchaseReceipt(rec: WireRecorder) {
  await rec.rpc(
    'receipt.move-partial',
    kw('stock.move', 'write', [['$rmove1'], { quantity: 5, picked: true }]),
    { note: 'line 1 (12 ordered): 5 received' },
  );
  await rec.rpc(
    'receipt.move-full',
    kw('stock.move', 'write', [['$rmove2'], { quantity: 4, picked: true }]),
    { note: 'line 2 (4 ordered): all received' },
  );
  await rec.rpc(
    'receipt.validate-backorder-wizard',
    kw('stock.picking', 'button_validate', [['$receipt']], { context: {} }),
    { bind: { wizardContext: 'result.context' } },
  );
  await rec.rpc(
    'receipt.backorder-wizard-create',
    kw('stock.backorder.confirmation', 'create', [{}], { context: '$wizardContext' }),
    { bind: { wizard: 'result' } },
  );
  await rec.rpc(
    'receipt.backorder-process',
    kw('stock.backorder.confirmation', 'process', [['$wizard']], { context: '$wizardContext' }),
  );
  await rec.rpc(
    'receipt.pickings-after',
    kw('stock.picking', 'search_read', [[['purchase_id', '=', '$po']]], {
      fields: RECEIPT_FIELDS,
      order: 'id asc',
    }),
    { note: 'the lowered line left a return (outgoing) picking beside the receipts' },
  );
  await rec.rpc(
    'receipt.backorder',
    kw('stock.picking', 'search_read', [[['backorder_id', '=', '$receipt']]], {
      fields: ['name', 'state', 'origin', 'backorder_id'],
    }),
    { bind: { backorderReceipt: 'result.0.id' } },
  );
  await rec.rpc(
    'receipt.feed-done',
    kw(
      'stock.picking',
      'search_read',
      [
        [
          ['picking_type_code', '=', 'incoming'],
          ['state', '=', 'done'],
          ['purchase_id', '!=', false],
          ['origin', '=', '$poName'],
        ],
      ],
      { fields: [...RECEIPT_FIELDS, 'date_done'], order: 'id asc' },
    ),
  );
  await rec.rpc(
    'receipt.feed-moves',
    kw('stock.move', 'search_read', [[['picking_id', '=', '$receipt']]], {
      fields: ['purchase_line_id', 'product_id', 'quantity', 'product_uom_qty', 'state'],
      order: 'id asc',
    }),
  );
  await rec.rpc(
    'receipt.backorder-moves',
    kw('stock.move', 'search_read', [[['picking_id', '=', '$backorderReceipt']]], {
      fields: RECEIPT_MOVE_FIELDS,
      order: 'id asc',
    }),
  );
  await rec.rpc('receipt.lines-received', linesOf());
  await rec.rpc('receipt.cancel-refused', kw('purchase.order', 'button_cancel', [['$po']]), {
    note: 'a receipt of the order is done',
  });
  await rec.rpc('receipt.order-after', kw('purchase.order', 'read', [['$po'], PO_FIELDS]));
}

/** The vendor bill from the order, found like the bill feed finds it, posted. */
export async function recordPurchaseBill(rec: WireRecorder) {
  await rec.rpc('bill.create', kw('purchase.order', 'action_create_invoice', [['$po']]), {
    bind: { bill: 'result.res_id' },
  });
  await rec.rpc(
    'bill.find-draft',
    kw(
      'account.move',
      'search_read',
      [
        [
          ['move_type', '=', 'in_invoice'],
          ['state', '=', 'draft'],
          ['invoice_origin', '=', '$poName'],
        ],
      ],
      { fields: BILL_FIELDS, order: 'id asc' },
    ),
  );
  await rec.rpc(
    'bill.lines',
    kw(
      'account.move.line',
      'search_read',
      [
        [
          ['move_id', '=', '$bill'],
          ['display_type', '=', 'product'],
        ],
      ],
      {
        fields: BILL_LINE_FIELDS,
        order: 'id asc',
      },
    ),
  );
  await rec.rpc('bill.lines-to-invoice', linesOf());
  await rec.rpc(
    'bill.create-nothing-left',
    kw('purchase.order', 'action_create_invoice', [['$po']]),
    {
      note: 'everything received is already on a draft bill',
    },
  );
  await rec.rpc('bill.post-without-date', kw('account.move', 'action_post', [['$bill']]));
  await rec.rpc(
    'bill.write-date',
    kw('account.move', 'write', [['$bill'], { invoice_date: '2026-12-15' }]),
  );
  await rec.rpc('bill.post', kw('account.move', 'action_post', [['$bill']]));
  await rec.rpc('bill.posted', kw('account.move', 'read', [['$bill'], BILL_FIELDS]));
  await rec.rpc('bill.lines-billed', linesOf());
  await rec.rpc('bill.cancel-refused', kw('purchase.order', 'button_cancel', [['$po']]), {
    note: 'a receipt is done and a bill is posted',
  });
}

/** A second order, confirmed, cancelled before any receipt (the supplier refuses). */
export async function recordPurchaseRefusal(rec: WireRecorder) {
  await rec.rpc(
    'refusal.create',
    kw('purchase.order', 'create', [
      {
        partner_id: '$supplier',
        origin: '$refusedPurchaseId',
        picking_type_id: '$inType',
        currency_id: '$currency',
        order_line: [[0, 0, { product_id: '$productP1', product_qty: 3, price_unit: 4.5 }]],
      },
    ]),
    { bind: { po2: 'result' } },
  );
  await rec.rpc('refusal.name', kw('purchase.order', 'read', [['$po2'], ['name', 'state']]), {
    bind: { po2Name: 'result.0.name' },
  });
  await rec.rpc('refusal.confirm', kw('purchase.order', 'button_confirm', [['$po2']]));
  await rec.rpc('refusal.cancel', kw('purchase.order', 'button_cancel', [['$po2']]));
  await rec.rpc('refusal.order', kw('purchase.order', 'read', [['$po2'], PO_FIELDS]));
  await rec.rpc(
    'refusal.receipt',
    kw('stock.picking', 'search_read', [[['purchase_id', '=', '$po2']]], {
      fields: RECEIPT_FIELDS,
    }),
    { bind: { receipt2: 'result.0.id' } },
  );
  await rec.rpc(
    'refusal.receipt-moves',
    kw('stock.move', 'search_read', [[['picking_id', '=', '$receipt2']]], {
      fields: ['state', 'product_uom_qty', 'quantity', 'purchase_line_id'],
    }),
  );
  await rec.rpc('refusal.confirm-cancelled', kw('purchase.order', 'button_confirm', [['$po2']]), {
    note: 'button_confirm on a cancelled order',
  });
}
