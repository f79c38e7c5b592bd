import { kw } from './kw';
import type { WireRecorder } from './wire-recorder';

/** The adapter's other reads: master data, stock totals, the payment feed. */
export async function recordFeeds(rec: WireRecorder) {
  const limit = 2;
  const order = 'id asc';
  await rec.rpc(
    'masterdata.products',
    kw('product.product', 'search_read', [[['default_code', '!=', false]]], {
      fields: ['default_code', 'uom_id', 'name'],
      limit,
      order,
    }),
  );
  await rec.rpc(
    'masterdata.uoms',
    kw('uom.uom', 'search_read', [[['name', '=', 'Units']]], { fields: ['name'] }),
  );
  await rec.rpc(
    'masterdata.warehouses',
    kw('stock.warehouse', 'search_read', [[]], { fields: ['code'], limit: 1, order }),
  );
  await rec.rpc(
    'masterdata.partners-by-ref',
    kw('res.partner', 'search_read', [[['ref', '=', '$pollRef']]], { fields: ['ref'], limit: 1 }),
    { note: 'demo partners have no ref; the adapter maps customers by ref' },
  );
  await rec.rpc(
    'stock.quants',
    kw(
      'stock.quant',
      'search_read',
      [
        [
          ['product_id', 'in', ['$productA']],
          ['location_id.usage', '=', 'internal'],
        ],
      ],
      {
        fields: ['product_id', 'location_id', 'quantity', 'reserved_quantity', 'write_date'],
        limit: 1,
        order,
      },
    ),
    { bind: { location: 'result.0.location_id.0' } },
  );
  await rec.rpc(
    'stock.location-warehouse',
    kw('stock.location', 'read', [['$location'], ['warehouse_id']]),
  );
  await rec.rpc(
    'payments.feed-page',
    kw(
      'account.move',
      'search_read',
      [
        [
          ['move_type', '=', 'out_invoice'],
          ['state', '=', 'posted'],
          ['payment_state', 'in', ['paid', 'in_payment', 'partial']],
        ],
      ],
      {
        fields: [
          'name',
          'ref',
          'invoice_origin',
          'amount_total',
          'amount_residual',
          'payment_state',
          'currency_id',
          'write_date',
        ],
        order: 'write_date asc, id asc',
        limit: 1,
      },
    ),
    { note: 'demo data has paid invoices' },
  );
  await rec.rpc(
    'payments.orders-by-name',
    kw('sale.order', 'search_read', [[['name', 'in', ['$soName']]]], {
      fields: ['name', 'client_order_ref'],
    }),
  );
}
