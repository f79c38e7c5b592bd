import { bool, char, float, m2m, m2o, o2m, sel, when } from '../orm/fields';
import { allRecs, byField, getRec, ids, rawValue, str } from '../orm/records';
import type { Env, FieldDef, ModelDef, Rec, Vals } from '../orm/types';
import type { VersionProfile } from '../version';
import { createRecords } from '../orm/write';
import { locationTree } from '../flows/quants';

const TEMPLATE_FIELDS = [
  'name',
  'list_price',
  'standard_price',
  'uom_id',
  'uom_po_id',
  'categ_id',
  'type',
  'detailed_type',
  'is_storable',
  'sale_ok',
  'purchase_ok',
  'tracking',
  'invoice_policy',
  'company_id',
  'taxes_id',
  'supplier_taxes_id',
  'purchase_method',
];

function typeFields(p: VersionProfile): Record<string, FieldDef> {
  if (p.storableField === 'is_storable') {
    return {
      type: sel(
        [
          ['consu', 'Goods'],
          ['service', 'Service'],
          ['combo', 'Combo'],
        ],
        'Product Type',
        { default: 'consu', required: true },
      ),
      is_storable: bool('Track Inventory', { default: false }),
    };
  }
  return {
    detailed_type: sel(
      [
        ['consu', 'Consumable'],
        ['service', 'Service'],
        ['product', 'Storable Product'],
      ],
      'Product Type',
      { default: 'consu', required: true },
    ),
    type: sel(
      [
        ['consu', 'Consumable'],
        ['service', 'Service'],
        ['product', 'Storable Product'],
      ],
      'Type',
      { related: 'detailed_type' },
    ),
  };
}

/** On-hand quantities over internal locations, optionally restricted by context warehouse/location. */
function stockQty(env: Env, rec: Rec, kind: 'on_hand' | 'free'): number {
  const scope = contextLocation(env);
  const locations = new Set(
    allRecs(env, 'stock.location')
      .filter((l) => l.usage === 'internal' && (!scope || scope.has(l.id)))
      .map((l) => l.id),
  );
  return byField(env, 'stock.quant', 'product_id', rec.id)
    .filter((q) => locations.has(q.location_id as number))
    .reduce(
      (sum, q) =>
        sum + (q.quantity as number) - (kind === 'free' ? (q.reserved_quantity as number) : 0),
      0,
    );
}

function incoming(env: Env, rec: Rec, sign: 1 | -1): number {
  return byField(env, 'stock.move', 'product_id', rec.id)
    .filter((m) => !['done', 'cancel', 'draft'].includes(m.state as string))
    .filter((m) => {
      const dest = getRec(env, 'stock.location', m.location_dest_id as number);
      return sign === 1 ? dest?.usage === 'internal' : dest?.usage !== 'internal';
    })
    .reduce((sum, m) => sum + (m.product_uom_qty as number), 0);
}

/** Context `location` (id) or `warehouse` (id) narrows the stock quantities, as on product.product. */
function contextLocation(env: Env): Set<number> | undefined {
  const { location, warehouse } = env.context;
  if (typeof location === 'number') return locationTree(env, location);
  if (typeof warehouse === 'number') {
    const view = getRec(env, 'stock.warehouse', warehouse)?.view_location_id;
    return typeof view === 'number' ? locationTree(env, view) : new Set();
  }
  return undefined;
}

export function productModels(p: VersionProfile): ModelDef[] {
  const types = typeFields(p);
  const tmplFields: Record<string, FieldDef> = {
    name: char('Name', { required: true }),
    list_price: float('Sales Price', { default: 1 }),
    standard_price: float('Cost'),
    uom_id: m2o('uom.uom', 'Unit of Measure', { required: true, default: 1 }),
    ...when(p.hasUomCategories, { uom_po_id: m2o('uom.uom', 'Purchase UoM', { default: 1 }) }),
    categ_id: m2o('product.category', 'Product Category', { default: 1 }),
    // Empty = shared by all companies (Odoo's default); the adapter's master data filters on it.
    company_id: m2o('res.company', 'Company'),
    ...types,
    sale_ok: bool('Can be Sold', { default: true }),
    purchase_ok: bool('Can be Purchased', { default: true }),
    tracking: sel(
      [
        ['serial', 'By Unique Serial Number'],
        ['lot', 'By Lots'],
        ['none', 'No Tracking'],
      ],
      'Tracking',
      { default: 'none' },
    ),
    invoice_policy: sel(
      [
        ['order', 'Ordered quantities'],
        ['delivery', 'Delivered quantities'],
      ],
      'Invoicing Policy',
      { default: 'order' },
    ),
    taxes_id: m2m('account.tax', 'Customer Taxes'),
    supplier_taxes_id: m2m('account.tax', 'Vendor Taxes'),
    purchase_method: sel(
      [
        ['purchase', 'On ordered quantities'],
        ['receive', 'On received quantities'],
      ],
      'Control Policy',
      { default: 'receive' },
    ),
  };
  const related = Object.fromEntries(
    Object.entries(tmplFields).map(([k, f]) => [
      k,
      {
        ...f,
        compute: undefined,
        default: undefined,
        required: false,
        related: `product_tmpl_id.${k}`,
      },
    ]),
  );
  return [
    {
      name: 'product.category',
      description: 'Product Category',
      order: 'complete_name',
      fields: {
        name: char('Name', { required: true }),
        parent_id: m2o('product.category', 'Parent Category'),
        complete_name: char('Complete Name', { compute: (env, rec) => categoryName(env, rec) }),
      },
      displayName: (env, rec) => categoryName(env, rec),
    },
    {
      name: 'product.template',
      description: 'Product',
      order: 'name',
      fields: {
        ...tmplFields,
        product_variant_ids: o2m('product.product', 'product_tmpl_id', 'Products'),
        product_variant_id: m2o('product.product', 'Product', {
          compute: (env, rec) => firstVariant(env, rec),
        }),
        default_code: char('Internal Reference', {
          compute: (env, rec) => variantValue(env, rec, 'default_code'),
        }),
        barcode: char('Barcode', { compute: (env, rec) => variantValue(env, rec, 'barcode') }),
        active: bool('Active', { default: true }),
      },
      // the company's default sale and purchase taxes (`taxes_id`, `supplier_taxes_id` defaults)
      prepare: (env, vals) => {
        const company = getRec(env, 'res.company', 1);
        const out = { ...vals };
        for (const [field, tax] of [
          ['taxes_id', company?.account_sale_tax_id],
          ['supplier_taxes_id', company?.account_purchase_tax_id],
        ] as const)
          if (!(field in out) && typeof tax === 'number') out[field] = [[6, 0, [tax]]];
        return out;
      },
      afterCreate: (env, id) => {
        if (env.context.__from_variant !== true)
          createRecords(env, 'product.product', [{ product_tmpl_id: id }]);
      },
    },
    {
      name: 'product.product',
      description: 'Product Variant',
      order: 'default_code, name, id',
      displayName: (env, rec) => {
        const name = str(rawValue(env, 'product.product', rec, 'name') || '');
        return typeof rec.default_code === 'string' && rec.default_code
          ? `[${rec.default_code}] ${name}`
          : name;
      },
      fields: {
        product_tmpl_id: m2o('product.template', 'Product Template', {
          required: true,
          ondelete: 'cascade',
        }),
        default_code: char('Internal Reference'),
        barcode: char('Barcode'),
        active: bool('Active', { default: true }),
        ...related,
        lst_price: float('Sales Price', { related: 'product_tmpl_id.list_price' }),
        qty_available: float('Quantity On Hand', {
          compute: (env, rec) => stockQty(env, rec, 'on_hand'),
        }),
        free_qty: float('Free To Use Quantity', {
          compute: (env, rec) => stockQty(env, rec, 'free'),
        }),
        virtual_available: float('Forecasted Quantity', {
          compute: (env, rec) =>
            stockQty(env, rec, 'on_hand') + incoming(env, rec, 1) - incoming(env, rec, -1),
        }),
        x_substitute_product_id: m2o('product.product', 'Substitute Product (custom field)'),
      },
      prepare: (env, vals) => prepareVariant(env, vals),
    },
  ];
}

function prepareVariant(env: Env, vals: Vals): Vals {
  if (vals.product_tmpl_id) return vals;
  const tmplVals: Vals = {};
  const rest: Vals = {};
  for (const [k, v] of Object.entries(vals)) (TEMPLATE_FIELDS.includes(k) ? tmplVals : rest)[k] = v;
  const [tmpl] = createRecords(
    { ...env, context: { ...env.context, __from_variant: true } },
    'product.template',
    [tmplVals],
  );
  return { ...rest, product_tmpl_id: tmpl };
}

function firstVariant(env: Env, rec: Rec): number | false {
  return ids(env, 'product.template', rec.id, 'product_variant_ids')[0] ?? false;
}

function variantValue(env: Env, rec: Rec, field: string): unknown {
  const variant = firstVariant(env, rec);
  return variant === false ? false : (getRec(env, 'product.product', variant)?.[field] ?? false);
}

function categoryName(env: Env, rec: Rec): string {
  const parent =
    typeof rec.parent_id === 'number' ? getRec(env, 'product.category', rec.parent_id) : undefined;
  return parent ? `${categoryName(env, parent)} / ${String(rec.name)}` : String(rec.name);
}
