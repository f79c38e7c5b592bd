import { kw } from './kw';
import type { WireRecorder } from './wire-recorder';

const product = (name: string, price: number) => ({
  name: `O2C Recorder ${name}`,
  detailed_type: 'product',
  list_price: price,
  invoice_policy: 'delivery',
});

/**
 * What the flows need, made by the recording itself so a replay on any database (or the
 * simulator) starts alike: a customer with a phone, three storable products with list prices
 * other than the order's prices, and 100 of each in WH/Stock through an inventory adjustment.
 */
export async function recordSetup(rec: WireRecorder) {
  const customer = { name: 'O2C Recorder Customer', phone: '+32 470 12 34 56', customer_rank: 1 };
  await rec.rpc('setup.customer-with-phone', kw('res.partner', 'create', [customer]), {
    bind: { partner: 'result' },
  });
  await rec.rpc(
    'setup.products',
    kw('product.product', 'create', [[product('A', 100), product('B', 200), product('C', 300)]]),
    { bind: { productA: 'result.0', productB: 'result.1', productC: 'result.2' } },
  );
  await rec.rpc(
    'setup.stock-location',
    kw('stock.warehouse', 'search_read', [[['code', '=', 'WH']]], { fields: ['lot_stock_id'] }),
    { bind: { stockLocation: 'result.0.lot_stock_id.0' } },
  );
  const counted = (p: string) => ({
    product_id: p,
    location_id: '$stockLocation',
    inventory_quantity: 100,
  });
  await rec.rpc(
    'setup.inventory-count',
    kw(
      'stock.quant',
      'create',
      [[counted('$productA'), counted('$productB'), counted('$productC')]],
      {
        context: { inventory_mode: true },
      },
    ),
    { bind: { quantA: 'result.0', quantB: 'result.1', quantC: 'result.2' } },
  );
  await rec.rpc(
    'setup.inventory-apply',
    kw('stock.quant', 'action_apply_inventory', [['$quantA', '$quantB', '$quantC']], {
      context: { inventory_mode: true },
    }),
  );
  await rec.rpc(
    'setup.product-stock',
    kw('product.product', 'read', [
      ['$productA', '$productB', '$productC'],
      ['qty_available', 'list_price', 'taxes_id', 'detailed_type'],
    ]),
  );
}
