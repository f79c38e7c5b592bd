import { kw } from './kw';
import type { WireRecorder } from './wire-recorder';

export const PO_FIELDS = [
  'name',
  'state',
  'origin',
  'partner_id',
  'partner_ref',
  'picking_type_id',
  'currency_id',
  'date_planned',
  'order_line',
  'amount_untaxed',
  'amount_total',
  'picking_ids',
  'invoice_ids',
  'receipt_status',
  'invoice_status',
];
export const PO_LINE_FIELDS = [
  'product_id',
  'name',
  'product_qty',
  'product_uom',
  'price_unit',
  'date_planned',
  'qty_received',
  'qty_invoiced',
  'qty_to_invoice',
  'taxes_id',
];
export const RECEIPT_FIELDS = [
  'name',
  'state',
  'origin',
  'purchase_id',
  'picking_type_code',
  'backorder_id',
  'scheduled_date',
];
export const RECEIPT_MOVE_FIELDS = [
  'product_id',
  'product_uom_qty',
  'quantity',
  'picked',
  'state',
  'purchase_line_id',
  'date',
  'date_deadline',
];

const storable = (name: string, cost: number) => ({
  name: `O2C Recorder ${name}`,
  detailed_type: 'product',
  list_price: cost * 2,
  standard_price: cost,
});

const poLine = (product: string, uom: string, qty: number, price: number, name: string) => [
  0,
  0,
  {
    product_id: product,
    product_qty: qty,
    product_uom: uom,
    price_unit: price,
    date_planned: '2026-12-10 08:00:00',
    name,
  },
];

/** A supplier with our code in `ref`, the WH receipt type, the currency and two storable products. */
export async function recordPurchaseSetup(rec: WireRecorder) {
  await rec.rpc(
    'purchase.supplier-create',
    kw('res.partner', 'create', [
      { name: 'O2C Recorder Supplier', ref: '$supplierCode', supplier_rank: 1, is_company: true },
    ]),
    { bind: { supplier: 'result' } },
  );
  await rec.rpc(
    'purchase.supplier-by-ref',
    kw('res.partner', 'search_read', [[['ref', '=', '$supplierCode']]], {
      fields: ['name', 'ref', 'supplier_rank', 'is_company'],
      order: 'id desc',
      limit: 1,
    }),
  );
  await rec.rpc(
    'purchase.warehouse',
    kw('stock.warehouse', 'search_read', [[['code', '=', 'WH']]], {
      fields: ['code', 'in_type_id', 'lot_stock_id'],
    }),
    { bind: { inType: 'result.0.in_type_id.0' } },
  );
  await rec.rpc(
    'purchase.incoming-type',
    kw('stock.picking.type', 'read', [['$inType'], ['name', 'code', 'warehouse_id']]),
  );
  await rec.rpc(
    'purchase.currency',
    kw('res.currency', 'search_read', [[['name', '=', 'USD']]], { fields: ['name', 'active'] }),
    { bind: { currency: 'result.0.id' } },
  );
  await rec.rpc(
    'purchase.products',
    kw('product.product', 'create', [[storable('P1', 4), storable('P2', 10)]]),
    { bind: { productP1: 'result.0', productP2: 'result.1' } },
  );
  await rec.rpc(
    'purchase.product-uoms',
    kw('product.product', 'read', [
      ['$productP1', '$productP2'],
      ['uom_id', 'uom_po_id'],
    ]),
    { bind: { uomP1: 'result.0.uom_po_id.0', uomP2: 'result.1.uom_po_id.0' } },
  );
  await rec.rpc(
    'purchase.product-policy',
    kw('product.product', 'read', [
      ['$productP1', '$productP2'],
      ['purchase_method', 'detailed_type', 'supplier_taxes_id'],
    ]),
    { note: "purchase_method 'receive': bills follow received quantities" },
  );
}

/** Look-up by origin, create with lines, confirm, the receipt, supplier changes. */
export async function recordPurchasePlacement(rec: WireRecorder) {
  const byOrigin = (name: string, note?: string) =>
    rec.rpc(
      name,
      kw('purchase.order', 'search_read', [[['origin', '=', '$purchaseId']]], {
        fields: ['name', 'state', 'origin'],
        limit: 1,
      }),
      note ? { note } : {},
    );
  await byOrigin('purchase.find-by-origin-none');
  await rec.rpc(
    'purchase.create',
    kw('purchase.order', 'create', [
      {
        partner_id: '$supplier',
        origin: '$purchaseId',
        picking_type_id: '$inType',
        date_planned: '2026-12-10 08:00:00',
        currency_id: '$currency',
        order_line: [
          poLine('$productP1', '$uomP1', 10, 4.5, 'O2C Recorder P1'),
          poLine('$productP2', '$uomP2', 6, 12, 'O2C Recorder P2'),
        ],
      },
    ]),
    { bind: { po: 'result' } },
  );
  await rec.rpc(
    'purchase.name-and-lines',
    kw('purchase.order', 'read', [['$po'], ['name', 'state', 'order_line']]),
    {
      bind: {
        poName: 'result.0.name',
        pline1: 'result.0.order_line.0',
        pline2: 'result.0.order_line.1',
      },
    },
  );
  await rec.rpc('purchase.read-draft', kw('purchase.order', 'read', [['$po'], PO_FIELDS]));
  await byOrigin('purchase.find-by-origin');
  await rec.rpc('purchase.confirm', kw('purchase.order', 'button_confirm', [['$po']]));
  await rec.rpc('purchase.confirm-again', kw('purchase.order', 'button_confirm', [['$po']]), {
    note: 'a confirmed order: no error, nothing changes',
  });
  await rec.rpc('purchase.read-confirmed', kw('purchase.order', 'read', [['$po'], PO_FIELDS]));
  await rec.rpc(
    'purchase.supplier-after-order',
    kw('res.partner', 'read', [['$supplier'], ['supplier_rank']]),
    { note: 'creating a purchase order raises the partner supplier_rank' },
  );
  const receipts = (name: string) =>
    rec.rpc(
      name,
      kw('stock.picking', 'search_read', [[['purchase_id', '=', '$po']]], {
        fields: RECEIPT_FIELDS,
        order: 'id asc',
      }),
    );
  const moves = (name: string, picking: string) =>
    rec.rpc(
      name,
      kw('stock.move', 'search_read', [[['picking_id', '=', picking]]], {
        fields: RECEIPT_MOVE_FIELDS,
        order: 'id asc',
      }),
    );
  await rec.rpc(
    'purchase.receipt-search',
    kw('stock.picking', 'search', [
      [
        ['purchase_id', '=', '$po'],
        ['picking_type_code', '=', 'incoming'],
      ],
    ]),
    { bind: { receipt: 'result.0' } },
  );
  await receipts('purchase.receipt');
  await moves('purchase.receipt-moves', '$receipt');
  await rec.rpc('purchase.lines-confirmed', linesOf());

  await rec.rpc(
    'purchase.line-lower-qty',
    kw('purchase.order.line', 'write', [['$pline2'], { product_qty: 4 }]),
    { note: 'the supplier confirms 4 of 6' },
  );
  await rec.rpc(
    'purchase.line-raise-qty',
    kw('purchase.order.line', 'write', [['$pline1'], { product_qty: 12 }]),
    { note: 'the supplier confirms 12 of 10' },
  );
  await rec.rpc(
    'purchase.write-date-partner-ref',
    kw('purchase.order', 'write', [
      ['$po'],
      { date_planned: '2026-12-12 08:00:00', partner_ref: '$supplierReference' },
    ]),
  );
  await rec.rpc(
    'purchase.line-write-date',
    kw('purchase.order.line', 'write', [
      ['$pline1', '$pline2'],
      { date_planned: '2026-12-14 08:00:00' },
    ]),
    {
      note: "the order's date_planned does not reach its lines through write: the lines' own does",
    },
  );
  await rec.rpc('purchase.read-after-changes', kw('purchase.order', 'read', [['$po'], PO_FIELDS]));
  await rec.rpc('purchase.lines-after-changes', linesOf());
  await receipts('purchase.receipts-after-changes');
  await moves('purchase.receipt-moves-after-changes', '$receipt');
  await rec.rpc(
    'purchase.receipt-move-ids',
    kw('stock.move', 'search', [[['picking_id', '=', '$receipt']]], { order: 'id asc' }),
    { bind: { rmove1: 'result.0', rmove2: 'result.1' } },
  );
}

export const linesOf = () =>
  kw('purchase.order.line', 'search_read', [[['order_id', '=', '$po']]], {
    fields: PO_LINE_FIELDS,
    order: 'id asc',
  });
