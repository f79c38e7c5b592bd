import type { MasterData, ProductRef } from '../src/domain/master-data';

const products: ProductRef[] = [
  { id: 11, sku: 'SKU-CHAIR', uomId: 1, name: 'Office chair' },
  { id: 12, sku: 'SKU-DESK', uomId: 1, name: 'Desk' },
];

export const buildMasterData = (): MasterData => ({
  products: new Map(products.map((p) => [p.sku, p])),
  productsById: new Map(products.map((p) => [p.id, p])),
  uoms: new Map([
    ['UNIT', 1],
    ['KG', 3],
  ]),
  uomCodes: new Map([
    [1, 'UNIT'],
    [3, 'KG'],
  ]),
  warehouses: new Map([
    ['WH', 1],
    ['WH2', 2],
  ]),
  warehouseCodes: new Map([
    [1, 'WH'],
    [2, 'WH2'],
  ]),
  partners: new Map([['CUST-001', 8]]),
});
