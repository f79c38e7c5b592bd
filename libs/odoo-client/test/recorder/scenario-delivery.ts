import { kw, line } from './kw';
import type { WireRecorder } from './wire-recorder';

const SO_FIELDS = [
  'name',
  'state',
  'client_order_ref',
  'amount_untaxed',
  'amount_tax',
  'amount_total',
  'order_line',
  'picking_ids',
  'write_date',
];
const LINE_FIELDS = [
  'product_id',
  'product_uom_qty',
  'product_uom',
  'price_unit',
  'qty_delivered',
  'qty_to_invoice',
  'tax_id',
];
const MOVE_FIELDS = [
  'product_id',
  'product_uom_qty',
  'quantity',
  'picked',
  'state',
  'sale_line_id',
];
const PICKING_FIELDS = ['name', 'state', 'origin', 'backorder_id', 'picking_type_code'];

/** Order → confirmation → amendment → partial delivery with backorder → last shipment. */
export async function recordSaleAndDelivery(rec: WireRecorder) {
  await rec.rpc(
    'sale.create',
    kw('sale.order', 'create', [
      {
        partner_id: '$partner',
        client_order_ref: '$orderRef',
        order_line: [line('$productA', 4, 12.5), line('$productB', 2, 7.25)],
      },
    ]),
    { bind: { so: 'result' } },
  );
  await rec.rpc('sale.read-draft', kw('sale.order', 'read', [['$so'], SO_FIELDS]), {
    bind: {
      soName: 'result.0.name',
      line1: 'result.0.order_line.0',
      line2: 'result.0.order_line.1',
    },
  });
  await rec.rpc(
    'sale.find-by-client-order-ref',
    kw('sale.order', 'search_read', [[['client_order_ref', '=', '$orderRef']]], {
      fields: ['name', 'state'],
      limit: 1,
      order: 'id asc',
    }),
  );
  await rec.rpc(
    'sale.write-datetime',
    kw('sale.order', 'write', [['$so'], { date_order: '2026-12-01 10:00:00' }]),
  );
  await rec.rpc(
    'sale.write-datetime-with-z',
    kw('sale.order', 'write', [['$so'], { date_order: '2026-12-01T10:00:00Z' }]),
  );
  await rec.rpc('sale.confirm', kw('sale.order', 'action_confirm', [['$so']]));
  await rec.rpc(
    'sale.amend-lines',
    kw('sale.order', 'write', [
      ['$so'],
      { order_line: [[1, '$line2', { product_uom_qty: 1 }], line('$productC', 3, 4.5)] },
    ]),
    {
      note: 'a confirmed line lowered and a line added with our price_unit, as amend-substitutes does',
    },
  );
  await rec.rpc(
    'sale.raise-line',
    kw('sale.order', 'write', [['$so'], { order_line: [[1, '$line1', { product_uom_qty: 5 }]] }]),
    { note: 'raising a confirmed line: does Odoo keep price_unit 12.5?' },
  );
  await rec.rpc(
    'sale.lines-after-amend',
    kw(
      'sale.order.line',
      'search_read',
      [
        [
          ['order_id', '=', '$so'],
          ['display_type', '=', false],
        ],
      ],
      { fields: LINE_FIELDS, order: 'id asc' },
    ),
    { bind: { line3: 'result.2.id' } },
  );

  await rec.rpc(
    'picking.open',
    kw(
      'stock.picking',
      'search_read',
      [
        [
          ['sale_id', '=', '$so'],
          ['picking_type_code', '=', 'outgoing'],
          ['state', 'not in', ['done', 'cancel']],
        ],
      ],
      { fields: PICKING_FIELDS, limit: 1, order: 'id asc' },
    ),
    { bind: { picking: 'result.0.id' } },
  );
  await rec.rpc(
    'picking.find-by-tracking-ref',
    kw(
      'stock.picking',
      'search_read',
      [
        [
          ['sale_id', '=', '$so'],
          ['carrier_tracking_ref', '=', '$trackingRef'],
        ],
      ],
      { fields: ['name', 'state', 'carrier_tracking_ref'], limit: 1 },
    ),
    { note: 'carrier_tracking_ref exists only with stock_delivery' },
  );
  await rec.rpc('picking.action-assign', kw('stock.picking', 'action_assign', [['$picking']]));
  await rec.rpc(
    'picking.moves',
    kw('stock.move', 'search_read', [[['picking_id', '=', '$picking']]], {
      fields: MOVE_FIELDS,
      order: 'id asc',
    }),
    { bind: { moveA: 'result.0.id', moveB: 'result.1.id', moveC: 'result.2.id' } },
  );
  await rec.rpc(
    'picking.move-quantity-partial',
    kw('stock.move', 'write', [['$moveA'], { quantity: 2, picked: true }]),
  );
  await rec.rpc(
    'picking.move-quantity-zero',
    kw('stock.move', 'write', [['$moveB', '$moveC'], { quantity: 0, picked: false }]),
  );
  await rec.rpc(
    'picking.write-tracking-ref',
    kw('stock.picking', 'write', [['$picking'], { carrier_tracking_ref: '$trackingRef' }]),
  );
  await rec.rpc(
    'picking.validate-backorder-wizard',
    kw('stock.picking', 'button_validate', [['$picking']], { context: {} }),
    { note: 'partial quantities without skip_backorder: the backorder wizard comes first' },
  );
  await rec.rpc(
    'picking.validate-sms-wizard',
    kw('stock.picking', 'button_validate', [['$picking']], { context: { skip_backorder: true } }),
    {
      note: "the partner has a phone and the company's SMS confirmation is on (the default): the adapter's own call before skip_sms",
    },
  );
  await rec.rpc(
    'picking.validate-partial',
    kw('stock.picking', 'button_validate', [['$picking']], {
      context: { skip_sms: true, skip_backorder: true },
    }),
  );
  await rec.rpc(
    'picking.backorder',
    kw('stock.picking', 'search_read', [[['backorder_id', '=', '$picking']]], {
      fields: PICKING_FIELDS,
    }),
    { bind: { backorder: 'result.0.id' } },
  );
  await rec.rpc(
    'picking.backorder-moves',
    kw('stock.move', 'search_read', [[['picking_id', '=', '$backorder']]], {
      fields: MOVE_FIELDS,
      order: 'id asc',
    }),
    { bind: { bmove1: 'result.0.id' } },
  );
  await rec.rpc(
    'picking.last-shipment-quantity',
    kw('stock.move', 'write', [['$bmove1'], { quantity: 1, picked: true }]),
  );
  await rec.rpc(
    'picking.validate-last-shipment',
    kw('stock.picking', 'button_validate', [['$backorder']], {
      context: {
        skip_sms: true,
        skip_backorder: true,
        picking_ids_not_to_backorder: ['$backorder'],
      },
    }),
  );
  await rec.rpc(
    'picking.last-shipment-moves',
    kw('stock.move', 'search_read', [[['picking_id', '=', '$backorder']]], {
      fields: MOVE_FIELDS,
      order: 'id asc',
    }),
  );
  await rec.rpc(
    'picking.after-last-shipment',
    kw(
      'stock.picking',
      'search_read',
      [
        [
          ['sale_id', '=', '$so'],
          ['picking_type_code', '=', 'outgoing'],
        ],
      ],
      { fields: PICKING_FIELDS, order: 'id asc' },
    ),
  );
  await rec.rpc(
    'sale.lines-delivered',
    kw('sale.order.line', 'search_read', [[['order_id', '=', '$so']]], {
      fields: LINE_FIELDS,
      order: 'id asc',
    }),
  );
}
