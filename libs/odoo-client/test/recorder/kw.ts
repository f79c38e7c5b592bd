/** An `object.execute_kw` request template as admin (uid 2) with the `$db` and `$key` tokens. */
export const kw = (
  model: string,
  method: string,
  positional: unknown[] = [],
  kwargs: Record<string, unknown> = {},
  as: { uid: number; key: string } = { uid: 2, key: '$key' },
) => ({
  service: 'object',
  method: 'execute_kw',
  args: ['$db', as.uid, as.key, model, method, positional, kwargs],
});

/** The demo user of a demo database (uid 6, no admin rights); the simulator's `readonly` user. */
export const DEMO = { uid: 6, key: '$demoKey' };

/** An id that exists in no database. */
export const MISSING_ID = 999_999_999;

/** A sale order line create command with our price. */
export const line = (product: string, qty: number, price: number) => [
  0,
  0,
  { product_id: product, product_uom_qty: qty, price_unit: price },
];
