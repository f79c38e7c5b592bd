/**
 * The Odoo simulator's seed (infra/odoo-sim/src/seed/seed.ts) in canonical codes: unit codes as
 * odoo-adapter maps them (ODOO_UOM_MAP EA=Units, DZ=Dozens, KG=kg), customers by partner `ref`.
 * A substitute exists only for FURN-001 (x_substitute_product_id → FURN-001-B).
 */
export const seedUoms = [
  { code: 'EA', fractional: false },
  { code: 'DZ', fractional: false },
  { code: 'KG', fractional: true },
];

export const seedSkus = [
  { sku: 'FURN-001', name: 'Office Chair', uom: 'EA', substitution_allowed: true },
  { sku: 'FURN-002', name: 'Office Desk', uom: 'EA', substitution_allowed: false },
  { sku: 'SCRW-12', name: 'Wood Screws', uom: 'DZ', substitution_allowed: false },
  { sku: 'COFF-1KG', name: 'Coffee Beans', uom: 'KG', substitution_allowed: false },
  { sku: 'FURN-001-B', name: 'Office Chair Basic', uom: 'EA', substitution_allowed: false },
];

// The seed gives CUST-002/003 only a city: orders for them must carry a full shipTo.
export const seedCustomers = [
  {
    customer_id: 'CUST-001',
    name: 'Deco Addict',
    currency: 'EUR',
    street: 'Rue des Palais 44',
    city: 'Brussels',
    postal_code: '1030',
    country_code: 'BE',
  },
  {
    customer_id: 'CUST-002',
    name: 'Azure Interior',
    currency: 'EUR',
    city: 'Lyon',
    country_code: 'FR',
  },
  {
    customer_id: 'CUST-003',
    name: 'Ready Mat',
    currency: 'EUR',
    city: 'Berlin',
    country_code: 'DE',
  },
];

export const seedWarehouses = [
  { code: 'WH', name: 'O2C Main Warehouse', is_default: true },
  { code: 'WH2', name: 'O2C Second Warehouse', is_default: false },
];
