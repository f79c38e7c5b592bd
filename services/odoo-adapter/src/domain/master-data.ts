import { DomainError } from './errors';

export interface ProductRef {
  id: number;
  sku: string;
  uomId: number;
  name: string;
}

/**
 * Canonical codes ↔ Odoo ids: SKU ↔ product.product (default_code), unit of measure code ↔ uom.uom,
 * warehouse code ↔ stock.warehouse (code), customer ref ↔ res.partner (ref).
 */
export interface MasterData {
  products: ReadonlyMap<string, ProductRef>;
  productsById: ReadonlyMap<number, ProductRef>;
  uoms: ReadonlyMap<string, number>;
  uomCodes: ReadonlyMap<number, string>;
  warehouses: ReadonlyMap<string, number>;
  warehouseCodes: ReadonlyMap<number, string>;
  partners: ReadonlyMap<string, number>;
}

const find = <K, V>(map: ReadonlyMap<K, V>, key: K, code: DomainError['code'], what: string): V => {
  const value = map.get(key);
  if (value === undefined)
    throw new DomainError(code, `${what} '${String(key)}' is not known in Odoo`);
  return value;
};

export const productOf = (md: MasterData, sku: string) =>
  find(md.products, sku, 'UNKNOWN_SKU', 'SKU');
export const uomOf = (md: MasterData, code: string) =>
  find(md.uoms, code, 'UNKNOWN_UOM', 'unit of measure');
export const warehouseOf = (md: MasterData, code: string) =>
  find(md.warehouses, code, 'UNKNOWN_WAREHOUSE', 'warehouse');
export const partnerOf = (md: MasterData, ref: string) =>
  find(md.partners, ref, 'UNKNOWN_CUSTOMER', 'customer');
