import { emptyData, makeEnv } from '../orm/env';
import { allRecs } from '../orm/records';
import { seedModules } from '../models/ir-module';
import { seedJournals } from '../models/account-journal';
import { seedPricelists } from '../models/pricelist';
import type { Data, Env, Registry, Vals } from '../orm/types';
import { createRecords, writeRecords } from '../orm/write';
import type { VersionProfile } from '../version';
import { seedModelReflection } from './seed-models';

const one = (env: Env, model: string, vals: Vals): number =>
  createRecords(env, model, [vals])[0] ?? 0;

function seedBase(env: Env): void {
  one(env, 'res.currency', { name: 'EUR', symbol: '€' });
  one(env, 'res.currency', { name: 'USD', symbol: '$' });
  for (const [code, name] of [
    ['BE', 'Belgium'],
    ['FR', 'France'],
    ['DE', 'Germany'],
    ['NL', 'Netherlands'],
  ])
    one(env, 'res.country', { code, name });
  const companyPartner = one(env, 'res.partner', {
    name: 'O2C Distribution',
    is_company: true,
    country_id: 1,
  });
  const percent = env.profile.saleTaxPercent;
  const tax =
    percent > 0 ? one(env, 'account.tax', { name: `${percent}%`, amount: percent }) : false;
  const purchaseTax =
    percent > 0
      ? one(env, 'account.tax', {
          name: `${percent}%`,
          amount: percent,
          type_tax_use: 'purchase',
        })
      : false;
  one(env, 'res.company', {
    name: 'O2C Distribution',
    currency_id: 2,
    partner_id: companyPartner,
    account_sale_tax_id: tax,
    account_purchase_tax_id: purchaseTax,
  });
  const bot = one(env, 'res.partner', { name: 'OdooBot', active: false });
  const admin = one(env, 'res.partner', { name: 'Mitchell Admin', email: 'admin@example.com' });
  one(env, 'res.users', { login: '__system__', partner_id: bot, active: false, company_id: 1 });
  one(env, 'res.users', { login: 'admin', partner_id: admin, company_id: 1 });
  const ro = one(env, 'res.partner', { name: 'Readonly User', email: 'readonly@example.com' });
  env.data.nextId['res.users'] = 6;
  one(env, 'res.users', { login: 'readonly', partner_id: ro, company_id: 1 });
}

function seedUoms(env: Env): void {
  if (env.profile.hasUomCategories) {
    one(env, 'uom.category', { name: 'Unit' });
    one(env, 'uom.category', { name: 'Weight' });
    one(env, 'uom.uom', {
      name: 'Units',
      category_id: 1,
      uom_type: 'reference',
      factor: 1,
      factor_inv: 1,
    });
    one(env, 'uom.uom', {
      name: 'Dozens',
      category_id: 1,
      uom_type: 'bigger',
      factor: 1 / 12,
      factor_inv: 12,
    });
    one(env, 'uom.uom', {
      name: 'kg',
      category_id: 2,
      uom_type: 'reference',
      factor: 1,
      factor_inv: 1,
    });
    one(env, 'uom.uom', {
      name: 'g',
      category_id: 2,
      uom_type: 'smaller',
      factor: 1000,
      factor_inv: 0.001,
    });
  } else {
    one(env, 'uom.uom', { name: 'Units', relative_factor: 1, factor: 1 });
    one(env, 'uom.uom', { name: 'Dozens', relative_factor: 12, relative_uom_id: 1, factor: 12 });
    one(env, 'uom.uom', { name: 'kg', relative_factor: 1, factor: 1 });
    one(env, 'uom.uom', { name: 'g', relative_factor: 0.001, relative_uom_id: 3, factor: 0.001 });
  }
}

function seedLocations(env: Env): void {
  const physical = one(env, 'stock.location', { name: 'Physical Locations', usage: 'view' });
  const partners = one(env, 'stock.location', { name: 'Partners', usage: 'view' });
  const vendors = one(env, 'stock.location', {
    name: 'Vendors',
    usage: 'supplier',
    location_id: partners,
  });
  const customers = one(env, 'stock.location', {
    name: 'Customers',
    usage: 'customer',
    location_id: partners,
  });
  const virtual = one(env, 'stock.location', { name: 'Virtual Locations', usage: 'view' });
  one(env, 'stock.location', {
    name: 'Inventory adjustment',
    usage: 'inventory',
    location_id: virtual,
  });
  for (const [code, name] of [
    ['WH', 'O2C Main Warehouse'],
    ['WH2', 'O2C Second Warehouse'],
  ] as const) {
    const view = one(env, 'stock.location', { name: code, usage: 'view', location_id: physical });
    const stock = one(env, 'stock.location', {
      name: 'Stock',
      usage: 'internal',
      location_id: view,
    });
    if (code === 'WH')
      one(env, 'stock.location', { name: 'Shelf 1', usage: 'internal', location_id: stock });
    const wh = one(env, 'stock.warehouse', {
      name,
      code,
      view_location_id: view,
      lot_stock_id: stock,
      partner_id: 1,
    });
    const inType = one(env, 'stock.picking.type', {
      name: 'Receipts',
      code: 'incoming',
      sequence_code: 'IN',
      warehouse_id: wh,
      default_location_src_id: vendors,
      default_location_dest_id: stock,
      sequence: 1,
    });
    const outType = one(env, 'stock.picking.type', {
      name: 'Delivery Orders',
      code: 'outgoing',
      sequence_code: 'OUT',
      warehouse_id: wh,
      default_location_src_id: stock,
      default_location_dest_id: customers,
      sequence: 2,
    });
    writeRecords(env, 'stock.warehouse', [wh], { in_type_id: inType, out_type_id: outType });
  }
}

function storable(env: Env): Vals {
  return env.profile.storableField === 'is_storable'
    ? { type: 'consu', is_storable: true }
    : { detailed_type: 'product' };
}

function seedProducts(env: Env): void {
  one(env, 'product.category', { name: 'All' });
  one(env, 'product.category', { name: 'Saleable', parent_id: 1 });
  const goods = (
    code: string,
    barcode: string,
    name: string,
    uom: number,
    price: number,
    cost: number,
  ) =>
    one(env, 'product.product', {
      default_code: code,
      barcode,
      name,
      uom_id: uom,
      ...(env.profile.hasUomCategories ? { uom_po_id: uom } : {}),
      list_price: price,
      standard_price: cost,
      categ_id: 2,
      invoice_policy: 'delivery',
      ...storable(env),
    });
  const chair = goods('FURN-001', '5400000000011', 'Office Chair', 1, 120, 60);
  goods('FURN-002', '5400000000028', 'Office Desk', 1, 350, 180);
  goods('SCRW-12', '5400000000035', 'Wood Screws', 2, 9.5, 4);
  goods('COFF-1KG', '5400000000042', 'Coffee Beans', 3, 18, 9);
  const basic = goods('FURN-001-B', '5400000000059', 'Office Chair Basic', 1, 99, 45);
  writeRecords(env, 'product.product', [chair], { x_substitute_product_id: basic });
  one(env, 'product.product', {
    default_code: 'SRV-INSTALL',
    name: 'Installation',
    type: 'service',
    ...(env.profile.storableField === 'detailed_type' ? { detailed_type: 'service' } : {}),
    list_price: 50,
    invoice_policy: 'order',
  });
  const ship = one(env, 'product.product', {
    default_code: 'SHIP',
    name: 'Standard Delivery',
    type: 'service',
    ...(env.profile.storableField === 'detailed_type' ? { detailed_type: 'service' } : {}),
    list_price: 10,
    sale_ok: false,
  });
  one(env, 'delivery.carrier', { name: 'Standard Delivery', product_id: ship, fixed_price: 10 });
  one(env, 'delivery.carrier', { name: 'Express Courier', product_id: ship, fixed_price: 25 });
}

/** On-hand stock per product, location id → quantity (WH/Stock 8, WH/Stock/Shelf 1 9, WH2/Stock 11). */
const QUANTS: [number, number, number][] = [
  [1, 8, 50],
  [1, 9, 10],
  [1, 11, 20],
  [2, 8, 5],
  [3, 8, 100],
  [4, 8, 25.5],
  [4, 11, 8],
  [5, 8, 30],
];

function seedPartnersAndStock(env: Env): void {
  for (const [product, location, quantity] of QUANTS)
    one(env, 'stock.quant', { product_id: product, location_id: location, quantity });
  // Our customers buy in EUR: their pricelist is the EUR one (the company's currency is USD).
  const eur = allRecs(env, 'product.pricelist').find((p) => p.name === 'EUR Pricelist')?.id;
  const deco = one(env, 'res.partner', {
    name: 'Deco Addict',
    ref: 'CUST-001',
    is_company: true,
    property_product_pricelist: eur ?? false,
    customer_rank: 1,
    email: 'deco.addict@example.com',
    street: 'Rue des Palais 44',
    city: 'Brussels',
    zip: '1030',
    country_id: 1,
  });
  one(env, 'res.partner', {
    name: 'Marc Demo',
    parent_id: deco,
    type: 'delivery',
    email: 'marc.demo@example.com',
    city: 'Brussels',
    country_id: 1,
  });
  one(env, 'res.partner', {
    name: 'Azure Interior',
    ref: 'CUST-002',
    is_company: true,
    property_product_pricelist: eur ?? false,
    customer_rank: 1,
    city: 'Lyon',
    country_id: 2,
  });
  one(env, 'res.partner', {
    name: 'Ready Mat',
    ref: 'CUST-003',
    is_company: true,
    property_product_pricelist: eur ?? false,
    customer_rank: 1,
    city: 'Berlin',
    country_id: 3,
  });
  // Vendors; the platform's suppliers (procure-to-pay) are found by `ref` = supplier code.
  for (const [ref, name, city, country] of [
    ['VEND-001', 'Wood Corner', 'Rotterdam', 4],
    ['SUP-001', 'Gemini Furniture', 'Antwerp', 1],
    ['SUP-002', 'Ready Supplies', 'Lille', 2],
  ] as const)
    one(env, 'res.partner', {
      name,
      ref,
      is_company: true,
      supplier_rank: 1,
      property_product_pricelist: eur ?? false,
      city,
      country_id: country,
    });
}

export function seedData(registry: Registry, profile: VersionProfile, now: string): Data {
  const env = makeEnv(emptyData(), registry, profile, 1, {}, now);
  seedBase(env);
  seedUoms(env);
  seedLocations(env);
  seedProducts(env);
  seedPricelists(env);
  seedPartnersAndStock(env);
  seedModelReflection(env);
  seedModules(env);
  seedJournals(env);
  return env.data;
}
