import type { OdooClient, OdooRecord } from '@o2c/odoo-client';

import {
  DEMO_PRODUCTS,
  DEMO_SUBSTITUTES,
  SUBSTITUTE_FIELD,
  DEMO_CUSTOMERS,
  DEMO_WAREHOUSES,
  DEMO_STOCK,
} from './odoo-seed-data';

export interface SeedOptions {
  dryRun: boolean;
  stock: boolean;
  companyId: number;
  /** The demo's order currency: the customers buy through a pricelist in it. */
  currency: string;
  log: (line: string) => void;
}

type Id = number;
const first = async (odoo: OdooClient, model: string, domain: unknown[], fields: string[] = []) =>
  (await odoo.searchRead(model, domain, { fields, limit: 1, context: { active_test: false } }))[0];

/**
 * Creates what is missing and corrects what differs; a second run changes nothing (except stock,
 * which is set to the levels above again). With `dryRun` nothing is written, only reported.
 */
export async function seedOdoo(odoo: OdooClient, o: SeedOptions): Promise<void> {
  const act = async <T>(what: string, write: () => Promise<T>): Promise<T | undefined> => {
    o.log(`${o.dryRun ? 'would ' : ''}${what}`);
    return o.dryRun ? undefined : write();
  };
  const substituteField = await ensureSubstituteField(odoo, act);
  const products = new Map<string, Id>();
  for (const p of DEMO_PRODUCTS) {
    const uom = await first(odoo, 'uom.uom', [['name', '=', p.uom]]);
    if (!uom) throw new Error(`no unit named ${p.uom} in Odoo`);
    const vals = {
      name: p.name,
      default_code: p.sku,
      barcode: p.barcode,
      uom_id: uom.id,
      uom_po_id: uom.id,
      list_price: p.price,
      standard_price: p.cost,
      detailed_type: 'product',
      invoice_policy: 'delivery',
      sale_ok: true,
      active: true,
    };
    const found = await first(
      odoo,
      'product.product',
      [['default_code', '=', p.sku]],
      Object.keys(vals),
    );
    const id =
      found?.id ??
      (await act(`create product ${p.sku}`, () => odoo.create('product.product', vals)));
    if (found) await correct(odoo, act, 'product.product', found, vals, `product ${p.sku}`);
    if (id) products.set(p.sku, id);
  }
  if (substituteField)
    for (const [sku, substitute] of DEMO_SUBSTITUTES) {
      const [id, subId] = [products.get(sku), products.get(substitute)];
      if (id && subId)
        await correct(
          odoo,
          act,
          'product.product',
          (await odoo.read('product.product', [id], [SUBSTITUTE_FIELD]))[0]!,
          { [SUBSTITUTE_FIELD]: subId },
          `product ${sku}`,
        );
    }
  for (const c of DEMO_CUSTOMERS) await ensureCustomer(odoo, act, c);
  await ensureCustomerPricelist(odoo, act, o);
  const stockLocations = new Map<string, Id>();
  for (const w of DEMO_WAREHOUSES) {
    const found = await first(
      odoo,
      'stock.warehouse',
      [
        ['code', '=', w.code],
        ['company_id', '=', o.companyId],
      ],
      ['lot_stock_id'],
    );
    const id =
      found?.id ??
      (await act(`create warehouse ${w.code}`, () =>
        odoo.create('stock.warehouse', { name: w.name, code: w.code, company_id: o.companyId }),
      ));
    if (id)
      stockLocations.set(
        w.code,
        (
          await odoo.read<OdooRecord & { lot_stock_id: [number, string] }>(
            'stock.warehouse',
            [id],
            ['lot_stock_id'],
          )
        )[0]!.lot_stock_id[0],
      );
  }
  if (!o.stock) return;
  for (const [sku, wh, quantity] of DEMO_STOCK) {
    const [productId, locationId] = [products.get(sku), stockLocations.get(wh)];
    if (productId && locationId)
      await act(`set ${sku} on hand in ${wh} to ${quantity}`, () =>
        setOnHand(odoo, productId, locationId, quantity),
      );
    else o.log(`would set ${sku} on hand in ${wh} to ${quantity} (once created)`);
  }
}

type Act = <T>(what: string, write: () => Promise<T>) => Promise<T | undefined>;

/** Writes the fields whose value differs (many2one values compared by id). */
async function correct(
  odoo: OdooClient,
  act: Act,
  model: string,
  found: OdooRecord,
  vals: Record<string, unknown>,
  what: string,
) {
  const differs = Object.entries(vals).filter(([k, v]) => {
    const have = found[k];
    return (Array.isArray(have) ? have[0] : have) !== v;
  });
  if (differs.length)
    await act(`update ${what}: ${differs.map(([k]) => k).join(', ')}`, () =>
      odoo.write(model, [found.id], Object.fromEntries(differs)),
    );
}

/** The many2one product → substitute product, as a custom field (admin rights needed). */
async function ensureSubstituteField(odoo: OdooClient, act: Act): Promise<boolean> {
  if (
    await first(odoo, 'ir.model.fields', [
      ['model', '=', 'product.product'],
      ['name', '=', SUBSTITUTE_FIELD],
    ])
  )
    return true;
  const model = await first(odoo, 'ir.model', [['model', '=', 'product.product']]);
  if (!model)
    throw new Error('no model product.product in Odoo (is the product module installed?)');
  const id = await act(`create field product.product.${SUBSTITUTE_FIELD}`, () =>
    odoo.create('ir.model.fields', {
      model_id: model.id,
      name: SUBSTITUTE_FIELD,
      field_description: 'Substitute',
      ttype: 'many2one',
      relation: 'product.product',
      state: 'manual',
    }),
  );
  return id !== undefined;
}

/** A customer found by ref, else a company of that name without ref (given the ref), else created. */
async function ensureCustomer(odoo: OdooClient, act: Act, c: (typeof DEMO_CUSTOMERS)[number]) {
  if (await first(odoo, 'res.partner', [['ref', '=', c.ref]])) return;
  const byName = await first(odoo, 'res.partner', [
    ['name', '=', c.name],
    ['parent_id', '=', false],
    ['ref', '=', false],
  ]);
  if (byName) {
    await act(`set ref ${c.ref} on customer ${c.name} (${byName.id})`, () =>
      odoo.write('res.partner', [byName.id], { ref: c.ref, customer_rank: 1 }),
    );
    return;
  }
  const country = await first(odoo, 'res.country', [['code', '=', c.country]]);
  await act(`create customer ${c.ref} ${c.name}`, () =>
    odoo.create('res.partner', {
      name: c.name,
      ref: c.ref,
      is_company: true,
      customer_rank: 1,
      city: c.city,
      zip: c.zip,
      country_id: country?.id ?? false,
    }),
  );
}

/**
 * The customers buy in the demo's currency, as Odoo decides it: through their pricelist
 * (`property_product_pricelist`). A currency other than the company's is activated and given a
 * pricelist if it has none.
 */
async function ensureCustomerPricelist(odoo: OdooClient, act: Act, o: SeedOptions) {
  const currency = await first(odoo, 'res.currency', [['name', '=', o.currency]], ['active']);
  if (!currency) throw new Error(`no currency ${o.currency} in Odoo`);
  if (!currency.active)
    await act(`activate currency ${o.currency}`, () =>
      odoo.write('res.currency', [currency.id], { active: true }),
    );
  const pricelist =
    (
      await first(odoo, 'product.pricelist', [
        ['currency_id', '=', currency.id],
        ['company_id', 'in', [o.companyId, false]],
        ['active', '=', true],
      ])
    )?.id ??
    (await act(`create pricelist ${o.currency}`, () =>
      odoo.create('product.pricelist', { name: o.currency, currency_id: currency.id }),
    ));
  if (!pricelist) {
    o.log(`would put customers ${DEMO_CUSTOMERS.map((c) => c.ref).join(', ')} on it`);
    return;
  }
  for (const c of DEMO_CUSTOMERS) {
    const found = await first(
      odoo,
      'res.partner',
      [['ref', '=', c.ref]],
      ['property_product_pricelist'],
    );
    if (found)
      await correct(
        odoo,
        act,
        'res.partner',
        found,
        { property_product_pricelist: pricelist },
        `customer ${c.ref}`,
      );
  }
}

/**
 * Sets a product's on-hand quantity in a warehouse: all of it on the stock location, none in its
 * sub-locations, through inventory adjustments (stock.quant in inventory mode).
 */
export async function setOnHand(
  odoo: OdooClient,
  productId: Id,
  stockLocationId: Id,
  quantity: number,
) {
  const context = { inventory_mode: true };
  const quants = await odoo.searchRead<OdooRecord & { location_id: [number, string] }>(
    'stock.quant',
    [
      ['product_id', '=', productId],
      ['location_id', 'child_of', stockLocationId],
    ],
    { fields: ['location_id'] },
  );
  const target = quants.find((q) => q.location_id[0] === stockLocationId);
  const ids: Id[] = [];
  for (const q of quants.filter((q) => q !== target)) {
    await odoo.write('stock.quant', [q.id], { inventory_quantity: 0 }, { context });
    ids.push(q.id);
  }
  if (target)
    await odoo.write('stock.quant', [target.id], { inventory_quantity: quantity }, { context });
  const id =
    target?.id ??
    (await odoo.create(
      'stock.quant',
      { product_id: productId, location_id: stockLocationId, inventory_quantity: quantity },
      { context },
    ));
  await odoo.call('stock.quant', 'action_apply_inventory', { ids: [...ids, id], context });
}

/** The demo's stock setter for a real Odoo: SKU → quantity in WH (the simulator's /__sim/stock). */
export function realOdooStock(odoo: OdooClient, companyId: number) {
  let location: Id | undefined;
  return async (sku: string, quantity: number) => {
    const wh = (await first(
      odoo,
      'stock.warehouse',
      [
        ['code', '=', 'WH'],
        ['company_id', '=', companyId],
      ],
      ['lot_stock_id'],
    )) as (OdooRecord & { lot_stock_id: [number, string] }) | undefined;
    location ??= wh?.lot_stock_id[0];
    const product = await first(odoo, 'product.product', [['default_code', '=', sku]]);
    if (!location || !product)
      throw new Error(
        `no ${location ? `product ${sku}` : 'warehouse WH'} in Odoo: run npm run demo:seed-odoo`,
      );
    await setOnHand(odoo, product.id, location, quantity);
  };
}
