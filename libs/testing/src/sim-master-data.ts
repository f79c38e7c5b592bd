import type {
  CustomerChanged,
  ProductChanged,
  UnitOfMeasureChanged,
  WarehouseChanged,
} from '@o2c/contracts';

/** One event of odoo.master-data with its type, as a harness publishes it. */
export type MasterDataEvent =
  | { type: 'ProductChanged'; data: ProductChanged }
  | { type: 'CustomerChanged'; data: CustomerChanged }
  | { type: 'WarehouseChanged'; data: WarehouseChanged }
  | { type: 'UnitOfMeasureChanged'; data: UnitOfMeasureChanged };

/** A unit as odoo-adapter publishes it; overrides change any field (entityKey follows code). */
export const unitChanged = (
  code: string,
  overrides: Partial<UnitOfMeasureChanged> = {},
): MasterDataEvent => {
  const data: UnitOfMeasureChanged = {
    entityKey: `uom:${code}`,
    code,
    odooUomId: '0',
    name: code,
    category: 'Unit',
    referenceUom: code,
    factor: 1,
    rounding: 0.01,
    fractional: false,
    active: true,
    odooWriteDate: 0,
    ...overrides,
  };
  return { type: 'UnitOfMeasureChanged', data: { ...data, entityKey: `uom:${data.code}` } };
};

export const productChanged = (
  sku: string,
  overrides: Partial<ProductChanged> = {},
): MasterDataEvent => {
  const data: ProductChanged = {
    entityKey: `product:${sku}`,
    sku,
    odooProductId: '0',
    name: sku,
    barcode: null,
    uom: 'EA',
    category: 'All / Saleable',
    substituteSku: null,
    active: true,
    odooWriteDate: 0,
    ...overrides,
  };
  return { type: 'ProductChanged', data: { ...data, entityKey: `product:${data.sku}` } };
};

export const customerChanged = (
  customerId: string,
  overrides: Partial<CustomerChanged> = {},
): MasterDataEvent => {
  const data: CustomerChanged = {
    entityKey: `customer:${customerId}`,
    customerId,
    odooPartnerId: '0',
    name: customerId,
    ref: customerId,
    vat: null,
    email: null,
    currency: 'EUR',
    street: null,
    city: null,
    postalCode: null,
    countryCode: null,
    active: true,
    odooWriteDate: 0,
    ...overrides,
  };
  return { type: 'CustomerChanged', data: { ...data, entityKey: `customer:${data.customerId}` } };
};

export const warehouseChanged = (
  code: string,
  overrides: Partial<WarehouseChanged> = {},
): MasterDataEvent => {
  const data: WarehouseChanged = {
    entityKey: `warehouse:${code}`,
    code,
    odooWarehouseId: '0',
    name: code,
    sequence: 10,
    active: true,
    odooWriteDate: 0,
    ...overrides,
  };
  return { type: 'WarehouseChanged', data: { ...data, entityKey: `warehouse:${data.code}` } };
};

/**
 * What odoo-adapter publishes on its first sync of the simulator's seed (infra/odoo-sim/src/seed,
 * Odoo 17, default config: ODOO_UOM_MAP EA=Units,DZ=Dozens,KG=kg, customers by ref), with
 * odooWriteDate 0. The adapter's master-data test checks it against the real thing; service
 * tests publish it instead of running the adapter, so their master data is the sim's.
 */
export const simMasterData: readonly MasterDataEvent[] = [
  unitChanged('EA', { odooUomId: '1', name: 'Units' }),
  unitChanged('DZ', { odooUomId: '2', name: 'Dozens', referenceUom: 'EA', factor: 12 }),
  unitChanged('KG', { odooUomId: '3', name: 'kg', category: 'Weight', fractional: true }),
  unitChanged('g', {
    odooUomId: '4',
    name: 'g',
    category: 'Weight',
    referenceUom: 'KG',
    factor: 0.001,
    fractional: true,
  }),
  warehouseChanged('WH', { odooWarehouseId: '1', name: 'O2C Main Warehouse' }),
  warehouseChanged('WH2', { odooWarehouseId: '2', name: 'O2C Second Warehouse' }),
  customerChanged('CUST-001', {
    odooPartnerId: '5',
    name: 'Deco Addict',
    email: 'deco.addict@example.com',
    street: 'Rue des Palais 44',
    city: 'Brussels',
    postalCode: '1030',
    countryCode: 'BE',
  }),
  customerChanged('CUST-002', {
    odooPartnerId: '7',
    name: 'Azure Interior',
    city: 'Lyon',
    countryCode: 'FR',
  }),
  customerChanged('CUST-003', {
    odooPartnerId: '8',
    name: 'Ready Mat',
    city: 'Berlin',
    countryCode: 'DE',
  }),
  customerChanged('VEND-001', {
    odooPartnerId: '9',
    name: 'Wood Corner',
    city: 'Rotterdam',
    countryCode: 'NL',
  }),
  customerChanged('SUP-001', {
    odooPartnerId: '10',
    name: 'Gemini Furniture',
    city: 'Antwerp',
    countryCode: 'BE',
  }),
  customerChanged('SUP-002', {
    odooPartnerId: '11',
    name: 'Ready Supplies',
    city: 'Lille',
    countryCode: 'FR',
  }),
  productChanged('FURN-001', {
    odooProductId: '1',
    name: 'Office Chair',
    barcode: '5400000000011',
    substituteSku: 'FURN-001-B',
  }),
  productChanged('FURN-002', { odooProductId: '2', name: 'Office Desk', barcode: '5400000000028' }),
  productChanged('SCRW-12', {
    odooProductId: '3',
    name: 'Wood Screws',
    barcode: '5400000000035',
    uom: 'DZ',
  }),
  productChanged('COFF-1KG', {
    odooProductId: '4',
    name: 'Coffee Beans',
    barcode: '5400000000042',
    uom: 'KG',
  }),
  productChanged('FURN-001-B', {
    odooProductId: '5',
    name: 'Office Chair Basic',
    barcode: '5400000000059',
  }),
];
