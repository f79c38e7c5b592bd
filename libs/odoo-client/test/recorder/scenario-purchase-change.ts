import { kw } from './kw';
import { RECEIPT_FIELDS, RECEIPT_MOVE_FIELDS } from './scenario-purchase';
import type { WireRecorder } from './wire-recorder';

const PLANNED = '2026-12-10 08:00:00';
const DELAYED = '2026-12-17 09:00:00';

/**
 * A supplier's quantity change written with the line's date_planned (unchanged): Odoo then
 * adjusts the open receipt's moves in place (lowered and raised), where a product_qty write
 * alone recomputes the line's date and leaves a separate move or a return picking.
 */
export async function recordPurchaseChangeKeepingDate(rec: WireRecorder) {
  const line = (product: string, uom: string, qty: number, price: number) => [
    0,
    0,
    {
      product_id: product,
      product_qty: qty,
      product_uom: uom,
      price_unit: price,
      date_planned: PLANNED,
    },
  ];
  await rec.rpc(
    'change.create',
    kw('purchase.order', 'create', [
      {
        partner_id: '$supplier',
        origin: '$changedPurchaseId',
        picking_type_id: '$inType',
        date_planned: PLANNED,
        currency_id: '$currency',
        order_line: [line('$productP1', '$uomP1', 10, 4.5), line('$productP2', '$uomP2', 6, 12)],
      },
    ]),
    { bind: { po3: 'result' } },
  );
  await rec.rpc('change.confirm', kw('purchase.order', 'button_confirm', [['$po3']]));
  await rec.rpc('change.lines', kw('purchase.order', 'read', [['$po3'], ['name', 'order_line']]), {
    bind: {
      po3Name: 'result.0.name',
      cline1: 'result.0.order_line.0',
      cline2: 'result.0.order_line.1',
    },
  });
  await rec.rpc(
    'change.raise-with-date',
    kw('purchase.order.line', 'write', [['$cline1'], { product_qty: 12, date_planned: PLANNED }]),
  );
  await rec.rpc(
    'change.lower-with-date',
    kw('purchase.order.line', 'write', [['$cline2'], { product_qty: 4, date_planned: PLANNED }]),
  );
  await rec.rpc(
    'change.pickings',
    kw('stock.picking', 'search_read', [[['purchase_id', '=', '$po3']]], {
      fields: RECEIPT_FIELDS,
      order: 'id asc',
    }),
    { bind: { receipt3: 'result.0.id' } },
  );
  await rec.rpc(
    'change.receipt-moves',
    kw('stock.move', 'search_read', [[['picking_id', '=', '$receipt3']]], {
      fields: RECEIPT_MOVE_FIELDS,
      order: 'id asc',
    }),
  );
  await rec.rpc(
    'change.lines-after',
    kw('purchase.order.line', 'search_read', [[['order_id', '=', '$po3']]], {
      fields: ['product_qty', 'price_unit', 'date_planned'],
      order: 'id asc',
    }),
  );
  await rec.rpc(
    'change.qty-and-new-date',
    kw('purchase.order.line', 'write', [
      ['$cline1', '$cline2'],
      { product_qty: 11, date_planned: DELAYED },
    ]),
    { note: 'the supplier delays and changes again: both lines to 11 and a later date' },
  );
  await rec.rpc(
    'change.receipt-moves-delayed',
    kw('stock.move', 'search_read', [[['picking_id', '=', '$receipt3']]], {
      fields: ['product_uom_qty', 'quantity', 'state', 'purchase_line_id', 'date_deadline'],
      order: 'id asc',
    }),
  );
  await rec.rpc(
    'change.order-delayed',
    kw('purchase.order', 'read', [['$po3'], ['date_planned', 'picking_ids', 'amount_untaxed']]),
  );
}
