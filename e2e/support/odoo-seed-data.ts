/**
 * The demo's master data, as the Odoo simulator seeds it (infra/odoo-sim/src/seed/seed.ts):
 * what `npm run demo:seed-odoo` creates in a real Odoo so that `npm run demo` can run against it.
 */
export const DEMO_PRODUCTS = [
  {
    sku: 'FURN-001',
    barcode: '5400000000011',
    name: 'Office Chair',
    uom: 'Units',
    price: 120,
    cost: 60,
  },
  {
    sku: 'FURN-002',
    barcode: '5400000000028',
    name: 'Office Desk',
    uom: 'Units',
    price: 350,
    cost: 180,
  },
  {
    sku: 'SCRW-12',
    barcode: '5400000000035',
    name: 'Wood Screws',
    uom: 'Dozens',
    price: 9.5,
    cost: 4,
  },
  {
    sku: 'COFF-1KG',
    barcode: '5400000000042',
    name: 'Coffee Beans',
    uom: 'kg',
    price: 18,
    cost: 9,
  },
  {
    sku: 'FURN-001-B',
    barcode: '5400000000059',
    name: 'Office Chair Basic',
    uom: 'Units',
    price: 99,
    cost: 45,
  },
] as const;

/** product → its substitute, through the field the adapter's ODOO_SUBSTITUTE_FIELD names. */
export const DEMO_SUBSTITUTES: Array<[string, string]> = [['FURN-001', 'FURN-001-B']];
export const SUBSTITUTE_FIELD = 'x_substitute_product_id';

export const DEMO_CUSTOMERS = [
  { ref: 'CUST-001', name: 'Deco Addict', city: 'Brussels', zip: '1030', country: 'BE' },
  { ref: 'CUST-002', name: 'Azure Interior', city: 'Lyon', zip: '69001', country: 'FR' },
  { ref: 'CUST-003', name: 'Ready Mat', city: 'Berlin', zip: '10115', country: 'DE' },
] as const;

/**
 * The platform's suppliers (procure-to-pay), found in Odoo by `ref` = supplier code, with
 * supplier_rank > 0 (the simulator seeds the same two; Gemini Furniture is also an Odoo demo company).
 */
export const DEMO_SUPPLIERS = [
  { ref: 'SUP-001', name: 'Gemini Furniture', city: 'Antwerp', zip: '2000', country: 'BE' },
  { ref: 'SUP-002', name: 'Ready Supplies', city: 'Lille', zip: '59000', country: 'FR' },
] as const;

export const DEMO_WAREHOUSES = [
  { code: 'WH', name: 'O2C Main Warehouse' },
  { code: 'WH2', name: 'O2C Second Warehouse' },
] as const;

/** On-hand quantity per SKU and warehouse, in the product's Odoo unit. */
export const DEMO_STOCK: Array<[string, string, number]> = [
  ['FURN-001', 'WH', 60],
  ['FURN-001', 'WH2', 20],
  ['FURN-002', 'WH', 5],
  ['SCRW-12', 'WH', 100],
  ['COFF-1KG', 'WH', 25.5],
  ['COFF-1KG', 'WH2', 8],
  ['FURN-001-B', 'WH', 30],
];
